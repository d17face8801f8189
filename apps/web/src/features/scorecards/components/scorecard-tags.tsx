import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Band, ScorecardSummary } from '../api/types';
import { localised, quarterParts } from '../utils/names';
import { formatPoints } from '../utils/points';

/** The bands' colours: green excellent, blue good, gold completed, red not completed. */
export const BAND_COLOURS: Record<Band, string> = { EXCELLENT: 'green', GOOD: 'blue', COMPLETED: 'gold', NOT_COMPLETED: 'red' };

/** The band in the reader's language ("Không hoàn thành nhiệm vụ"), or "Chờ chấm điểm" until the general points are in. */
export function BandTag({ card }: { card: Pick<ScorecardSummary, 'band' | 'bandLabel' | 'status'> }) {
  const { t, i18n } = useTranslation('scorecards');
  if (!card.band || card.status === 'PENDING') return <Tag>{t('band.pending')}</Tag>;
  return (
    <Tag color={BAND_COLOURS[card.band]} style={{ whiteSpace: 'normal' }}>
      {localised(card.bandLabel, i18n.language)}
    </Tag>
  );
}

/** "70.91 / 100", or "43.91 / 70 — chờ chấm điểm" while pending. */
export function useScoreText() {
  const { t } = useTranslation('scorecards');
  return (card: Pick<ScorecardSummary, 'total' | 'results' | 'resultsOf'>): string =>
    card.total === null ? t('score.pending', { results: formatPoints(card.results), of: formatPoints(card.resultsOf) }) : t('score.total', { total: formatPoints(card.total) });
}

/** "Quý 3/2026" / "Q3 2026". */
export function useQuarterLabel() {
  const { t } = useTranslation('scorecards');
  return (name: string): string => {
    const parts = quarterParts(name);
    return parts ? t('quarter', parts) : name;
  };
}
