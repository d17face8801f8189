import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Grid, Row, Segmented, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import type { Against } from '../api/types';
import { downloadStatistics, useStatistics, useStatisticsAt } from '../api/use-statistics';
import { OverdueTrend } from '../components/overdue-trend';
import { OverviewFilters } from '../components/overview-filters';
import { StateSummary } from '../components/state-summary';
import { TopHeads } from '../components/top-heads';
import { UnitBars } from '../components/unit-bars';
import { lastMondays, readOverviewParams, statisticsQuery, writeOverviewParams, type OverviewParams } from '../utils/overview-params';

/** Weeks in the overdue trend. */
const WEEKS = 8;

/**
 * The overview: the official statistic set of the reader's scope (the API scopes it) as numbers
 * and charts, every figure a link to its tasks; the filters in the URL; export to XLSX.
 */
export function Component() {
  const { t, i18n } = useTranslation('reports');
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readOverviewParams(searchParams);
  const query = statisticsQuery(params);
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const update = (change: Partial<OverviewParams>) => setSearchParams(writeOverviewParams(searchParams, change));

  const all = useStatistics(query);
  // Key tasks apart: their own count (unless the filter already keeps only them, or none of them).
  const keyTasks = useStatistics({ ...query, key: true }, params.key === undefined);
  const heads = useStatistics({ ...query, groupBy: 'head' });
  const mondays = useMemo(() => lastMondays(new Date(), WEEKS), []);
  const weeks = useStatisticsAt(query, mondays);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadStatistics(query, i18n.language === 'en' ? 'en' : 'vi');
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };
  const keyStatistics = params.key === true ? all.data : params.key === false ? undefined : keyTasks.data;
  const problem = all.error instanceof ApiError ? all.error.message : all.error ? String(all.error) : undefined;

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={12} wrap="wrap">
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0, marginBottom: 4 }}>
            {t('title')}
          </Typography.Title>
          {all.data && (
            <Typography.Paragraph style={{ marginBottom: 12 }}>
              {all.data.scope} · {t(`asOf.${all.data.source}`, { time: formatDateTime(all.data.asOf) })}
            </Typography.Paragraph>
          )}
        </div>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} disabled={!all.data}>
          {t('export')}
        </Button>
      </Flex>
      <OverviewFilters params={params} onChange={update} folded={phone} />
      {problem && <Alert type="error" showIcon role="alert" title={t('failed')} description={problem} action={<Button onClick={() => void all.refetch()}>{t('retry')}</Button>} style={{ marginBottom: 16 }} />}
      {!all.data ? (
        !problem && <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={16}>
          <StateSummary all={all.data} keyTasks={keyStatistics} />
          <Flex align="center" gap={8} wrap="wrap">
            <Typography.Text id="overview-against">{t('against.label')}</Typography.Text>
            <Segmented<Against>
              aria-labelledby="overview-against"
              value={params.against}
              onChange={(against) => update({ against })}
              options={[
                { value: 'current', label: t('against.current') },
                { value: 'original', label: t('against.original') },
              ]}
            />
          </Flex>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <UnitBars statistics={all.data} against={params.against} onOpenUnit={(unitId) => update({ unitId })} />
            </Col>
            <Col xs={24} lg={10}>
              <Flex vertical gap={16}>
                <OverdueTrend weeks={mondays.map((asOf, i) => ({ asOf, data: weeks[i]?.data, isError: weeks[i]?.isError ?? false }))} against={params.against} />
                <TopHeads statistics={heads.data} isError={heads.isError} against={params.against} />
              </Flex>
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
