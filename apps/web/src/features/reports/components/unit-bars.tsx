import { Button, Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '@/lib/format';
import type { Against, Statistics } from '../api/types';
import { figureLink } from '../utils/overview-params';
import { StateBar, StateLegend } from './state-bar';

/**
 * The rows of the statistics (one per unit directly below the scope, each rolling up its subtree)
 * as stacked bars of the four states; a unit with units under it opens its own breakdown.
 */
export function UnitBars({ statistics, against, onOpenUnit }: { statistics: Statistics; against: Against; onOpenUnit: (unitId: string) => void }) {
  const { t } = useTranslation('reports');
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('units.title')}</h2>} size="small">
      <Typography.Paragraph style={{ marginTop: 0 }}>{t(`units.against.${against}`)}</Typography.Paragraph>
      <StateLegend />
      {statistics.rows.length === 0 ? (
        <Empty description={t('units.empty')} />
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 14 }}>
          {statistics.rows.map((row) => (
            <li key={row.group ?? row.label}>
              <Flex justify="space-between" align="baseline" gap={8} wrap="wrap" style={{ marginBottom: 4 }}>
                <Typography.Text strong style={{ minWidth: 0 }}>
                  {row.label}
                  {row.rollsUp && row.unitCount > 1 && <Typography.Text style={{ fontWeight: 400, fontSize: 12 }}> · {t('units.unitCount', { count: row.unitCount })}</Typography.Text>}
                </Typography.Text>
                <span>
                  {row.drillDown ? (
                    <Link to={figureLink(row.drillDown)} aria-label={t('units.totalLink', { what: row.label, count: row.total, countText: formatNumber(row.total) })}>
                      {t('units.total', { count: row.total, countText: formatNumber(row.total) })}
                    </Link>
                  ) : (
                    t('units.total', { count: row.total, countText: formatNumber(row.total) })
                  )}
                  {row.rollsUp && row.unitCount > 1 && row.group && (
                    <Button type="link" size="small" onClick={() => onOpenUnit(row.group!)} aria-label={t('units.openLabel', { what: row.label })}>
                      {t('units.open')}
                    </Button>
                  )}
                </span>
              </Flex>
              <StateBar row={row} against={against} label={row.label} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
