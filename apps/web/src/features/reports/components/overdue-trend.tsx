import { Alert, Card, Skeleton, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '@/lib/format';
import type { Against, Statistics } from '../api/types';
import { STATE_COLOURS } from '../utils/colours';
import { figureLink } from '../utils/overview-params';

const HEIGHT = 140;

/**
 * The overdue tasks at each of the last Mondays (08:00, the weekly briefing's hour) as columns,
 * each a link to the tasks overdue then.
 */
export function OverdueTrend({ weeks, against }: { weeks: { asOf: string; data?: Statistics; isError: boolean }[]; against: Against }) {
  const { t } = useTranslation('reports');
  const { token } = theme.useToken();
  const max = Math.max(1, ...weeks.map((week) => week.data?.totals[against].overdue ?? 0));
  const failed = weeks.some((week) => week.isError);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('trend.title')}</h2>} size="small">
      <Typography.Paragraph style={{ marginTop: 0 }}>{t(`trend.note.${against}`)}</Typography.Paragraph>
      {failed && <Alert type="warning" showIcon title={t('trend.failed')} style={{ marginBottom: 8 }} />}
      <ol aria-label={t('trend.title')} style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', alignItems: 'flex-end', gap: 6, height: HEIGHT + 44 }}>
        {weeks.map((week) => {
          const day = formatDate(week.asOf).slice(0, 5);
          if (!week.data) {
            return (
              <li key={week.asOf} style={{ flex: 1, minWidth: 0, textAlign: 'center' }}>
                {week.isError ? '—' : <Skeleton.Button active size="small" block style={{ height: HEIGHT / 2 }} />}
                <div style={{ fontSize: 12 }}>{day}</div>
              </li>
            );
          }
          const count = week.data.totals[against].overdue;
          const label = t('trend.label', { date: formatDate(week.asOf), count, countText: formatNumber(count) });
          return (
            <li key={week.asOf} style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', alignItems: 'stretch', textAlign: 'center' }}>
              {week.data.totals.drillDown ? (
                <Link to={figureLink(week.data.totals.drillDown, 'OVERDUE', against)} aria-label={label} title={label} style={{ display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', height: HEIGHT + 20 }}>
                  <span style={{ fontSize: 13, fontWeight: 600, color: token.colorText }}>{formatNumber(count)}</span>
                  <span style={{ display: 'block', height: Math.max(2, (count / max) * HEIGHT), background: count > 0 ? STATE_COLOURS.overdue : token.colorBorder, borderRadius: '4px 4px 0 0' }} />
                </Link>
              ) : (
                <span>{formatNumber(count)}</span>
              )}
              <span style={{ fontSize: 12, marginTop: 4 }}>{day}</span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
