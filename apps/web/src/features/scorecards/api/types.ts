import type { components } from '@/lib/api/schema';

export type ScorecardSummary = components['schemas']['ScorecardSummaryDto'];
export type ScorecardPage = components['schemas']['ScorecardPageDto'];
export type Scorecard = components['schemas']['ScorecardDto'];
export type ScorecardLine = components['schemas']['ScorecardLineDto'];
export type LineTask = components['schemas']['LineTaskDto'];
export type EventRef = components['schemas']['EventRefDto'];
export type ScorecardVersion = components['schemas']['ScorecardVersionRefDto'];
export type ScorecardFormula = components['schemas']['ScorecardFormulaDto'];
export type ScorecardFormulaInput = components['schemas']['ScorecardFormulaInputDto'];
export type GeneralBody = components['schemas']['ScorecardGeneralDto'];
export type CorrectionBody = components['schemas']['ScorecardCorrectionDto'];
export type IssueBody = components['schemas']['IssueScorecardsDto'];
export type Band = NonNullable<Scorecard['band']>;
export type UnitRef = components['schemas']['UnitRefDto'];
export type LocalisedText = components['schemas']['BandLabelDto'];
