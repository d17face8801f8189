import { Collapse, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Scorecard } from '../api/types';
import { formatPoints, formatShare } from '../utils/points';

/** The formula the scorecard was computed with (its own copy: a later formula changes nothing here). */
export function FormulaDetails({ card }: { card: Scorecard }) {
  const { t } = useTranslation('scorecards');
  const formula = card.formula;
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'formula',
          label: t('formula.title', { version: card.formulaVersion }),
          children: (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'generalPoints', label: t('formula.generalPoints'), children: formatPoints(formula.generalPoints) },
                { key: 'quantity', label: t('formula.quantity'), children: formatPoints(formula.results.quantity) },
                { key: 'quality', label: t('formula.quality'), children: formatPoints(formula.results.quality) },
                { key: 'progress', label: t('formula.progress'), children: formatPoints(formula.results.progress) },
                { key: 'attestedWeight', label: t('formula.attestedWeight'), children: formatShare(formula.attestedWeight) },
                { key: 'qualityDeduction', label: t('formula.qualityDeduction'), children: `−${formatShare(formula.qualityDeduction)}` },
                { key: 'lateDeduction', label: t('formula.lateDeduction'), children: `−${formatShare(formula.lateDeduction)}` },
                { key: 'lateStep', label: t('formula.lateStepWorkingDays'), children: t('formula.lateStepValue', { count: formula.lateStepWorkingDays }) },
                { key: 'bands', label: t('formula.bands'), children: t('formula.bandsValue', formula.bands) },
                { key: 'maxLateShare', label: t('formula.maxLateShare'), children: formatShare(formula.maxLateShare) },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
