import { Alert, Card, Empty, Skeleton, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '@/lib/format';
import type { Against, Statistics } from '../api/types';
import { STATE_COLOURS } from '../utils/colours';
import { figureLink, topHeads } from '../utils/overview-params';

const SHOWN = 10;

/** The heads of unit with the most overdue tasks, as bars, each a link to those tasks. */
export function TopHeads({ statistics, isError, against }: { statistics?: Statistics; isError: boolean; against: Against }) {
  const { t } = useTranslation('reports');
  const { token } = theme.useToken();
  const heads = statistics ? topHeads(statistics.rows, SHOWN, against) : [];
  const max = Math.max(1, ...heads.map((row) => row[against].overdue));
  let body;
  if (isError) body = <Alert type="warning" showIcon title={t('heads.failed')} />;
  else if (!statistics) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (heads.length === 0) body = <Empty description={t('heads.empty')} />;
  else
    body = (
      <ol style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 10 }}>
        {heads.map((row) => {
          const count = row[against].overdue;
          return (
            <li key={row.group}>
              <Typography.Text style={{ display: 'block', fontSize: 13 }}>{row.label}</Typography.Text>
              <Link
                to={figureLink(row.drillDown!, 'OVERDUE', against)}
                aria-label={t('heads.label', { what: row.label, count, countText: formatNumber(count) })}
                style={{ display: 'flex', alignItems: 'center', gap: 8 }}
              >
                <span style={{ flex: `0 0 calc((100% - 48px) * ${count / max})`, minWidth: 4, height: 18, background: STATE_COLOURS.overdue, borderRadius: 4 }} />
                <span style={{ fontWeight: 600, color: token.colorText }}>{formatNumber(count)}</span>
              </Link>
            </li>
          );
        })}
      </ol>
    );
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('heads.title')}</h2>} size="small">
      <Typography.Paragraph style={{ marginTop: 0 }}>{t(`heads.note.${against}`)}</Typography.Paragraph>
      {body}
    </Card>
  );
}
