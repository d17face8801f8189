import { theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '@/lib/format';
import type { Against, StatisticsRow } from '../api/types';
import { STATE_COLOURS } from '../utils/colours';
import { figureLink, STATES } from '../utils/overview-params';

/**
 * One row's four states as a stacked bar: each part as wide as its share, showing its number,
 * and a link to the tasks it counts.
 */
export function StateBar({ row, against, label }: { row: StatisticsRow; against: Against; label: string }) {
  const { t } = useTranslation('reports');
  const { token } = theme.useToken();
  const parts = STATES.filter(({ figure }) => row[against][figure] > 0);
  if (parts.length === 0 || !row.drillDown) {
    return (
      <div style={{ height: 28, borderRadius: 4, background: token.colorFillSecondary, display: 'flex', alignItems: 'center', paddingInline: 8 }}>
        <Typography.Text style={{ fontSize: 12 }}>{t('units.noTasks')}</Typography.Text>
      </div>
    );
  }
  return (
    <div style={{ display: 'flex', gap: 2, height: 28 }}>
      {parts.map(({ state, figure }) => {
        const count = row[against][figure];
        return (
          <Link
            key={state}
            to={figureLink(row.drillDown!, state, against)}
            aria-label={t('figure.label', { what: label, state: t(`state.${state}`), count, countText: formatNumber(count) })}
            title={`${t(`state.${state}`)}: ${formatNumber(count)}`}
            style={{ flex: `${count} 1 0`, minWidth: 28, background: STATE_COLOURS[figure], color: '#fff', borderRadius: 4, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 13, fontWeight: 600 }}
          >
            {formatNumber(count)}
          </Link>
        );
      })}
    </div>
  );
}

/** The colours' legend. */
export function StateLegend() {
  const { t } = useTranslation('reports');
  return (
    <ul aria-label={t('legend')} style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', listStyle: 'none', padding: 0, margin: '0 0 12px' }}>
      {STATES.map(({ state, figure }) => (
        <li key={state} style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 13 }}>
          <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: STATE_COLOURS[figure], display: 'inline-block' }} />
          {t(`state.${state}`)}
        </li>
      ))}
    </ul>
  );
}
