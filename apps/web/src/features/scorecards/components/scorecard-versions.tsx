import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format';
import type { Scorecard } from '../api/types';

/** Every version of the scorecard, first to latest, with why each correction was made; the one shown is marked. */
export function ScorecardVersions({ card }: { card: Scorecard }) {
  const { t } = useTranslation('scorecards');
  return (
    <Card
      size="small"
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {t('versions.title')}
        </h2>
      }
    >
      <ol style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 12 }}>
        {card.versions.map((version) => {
          const label = t('versions.item', { version: version.version, at: formatDateTime(version.createdAt) });
          const current = version.id === card.id;
          return (
            <li key={version.id}>
              {current ? <strong aria-current="page">{label}</strong> : <Link to={`/scorecards/${version.id}`}>{label}</Link>}
              {current && <Tag style={{ marginInlineStart: 8 }}>{t('versions.current')}</Tag>}
              <br />
              <Typography.Text type="secondary">{version.reason ?? t('versions.first')}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                <code>{version.contentHash}</code>
              </Typography.Text>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
