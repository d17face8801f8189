import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Form, Grid, Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '@/lib/auth';
import type { ScorecardSummary } from '../api/types';
import { useScorecards } from '../api/use-scorecards';
import { IssueQuarterDialog } from '../components/issue-quarter-dialog';
import { BandTag, useQuarterLabel, useScoreText } from '../components/scorecard-tags';
import { UnitFilter } from '../components/unit-filter';
import { KINDS, PAGE_SIZE, readListParams, writeListParams, type Kind, type ScorecardListParams } from '../utils/list-params';
import { unitName } from '../utils/names';
import { formatPoints } from '../utils/points';
import { recentQuarters } from '../utils/quarters';

/** How long the list polls after an administrator started a quarter's publication. */
const POLL_MS = 60_000;

/**
 * A quarter's published scorecards of units, heads or leaders within the reader's scope, with their
 * score (pending until the general points are in) and band. Filters in the URL:
 * `/scorecards?quarter=2026-Q3&kind=HEAD&unit=<id>&page=2`; the quarter defaults to the last one
 * that ended.
 */
export function Component() {
  const { t, i18n } = useTranslation('scorecards');
  const screens = Grid.useBreakpoint();
  const { hasRole } = useAuth();
  const [query, setQuery] = useSearchParams();
  const now = useMemo(() => new Date(), []);
  const params = readListParams(query, now);
  const [pollUntil, setPollUntil] = useState(0);
  const [issuing, setIssuing] = useState(false);
  const list = useScorecards(params, { poll: pollUntil > Date.now() });
  const quarterLabel = useQuarterLabel();
  const scoreText = useScoreText();
  const data = list.data;

  useEffect(() => {
    if (pollUntil === 0) return;
    const timer = setTimeout(() => setPollUntil(0), Math.max(0, pollUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [pollUntil]);

  const show = (next: Partial<ScorecardListParams>) =>
    setQuery(writeListParams({ ...params, page: 1, ...next }), { replace: next.page === undefined });

  const quarters = recentQuarters(now);
  if (!quarters.includes(params.quarter)) quarters.push(params.quarter);
  const withPerson = params.kind !== 'UNIT';

  const unitCell = (card: ScorecardSummary) => {
    const name = unitName(card.unit, i18n.language);
    const label = card.user ? `${card.user.name} — ${name}` : name;
    return (
      <Flex vertical gap={2}>
        <Link to={`/scorecards/${card.id}`} aria-label={t('open', { name: label })}>
          {withPerson && !screens.md && card.user ? card.user.name : name}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {withPerson && !screens.md && card.user ? `${card.unit.code} · ${name}` : card.unit.code}
          {card.version > 1 && ` · ${t('version', { version: card.version })}`}
        </Typography.Text>
      </Flex>
    );
  };

  const columns: TableColumnsType<ScorecardSummary> = screens.md
    ? [
        { key: 'unit', title: t('columns.unit'), render: (_, card) => unitCell(card) },
        ...(withPerson ? [{ key: 'person', title: t('columns.person'), render: (_: unknown, card: ScorecardSummary) => card.user?.name ?? '—' }] : []),
        { key: 'tasksDue', title: t('columns.tasksDue'), dataIndex: 'tasksDue', align: 'end', width: 110 },
        { key: 'results', title: t('columns.results'), align: 'end', width: 120, render: (_, card) => t('score.of', { points: formatPoints(card.results), of: formatPoints(card.resultsOf) }) },
        { key: 'general', title: t('columns.general'), align: 'end', width: 110, render: (_, card) => (card.general === null ? '—' : t('score.of', { points: formatPoints(card.general), of: formatPoints(card.generalOf) })) },
        { key: 'total', title: t('columns.total'), width: 220, render: (_, card) => <Typography.Text strong={card.total !== null}>{scoreText(card)}</Typography.Text> },
        { key: 'band', title: t('columns.band'), width: 220, render: (_, card) => <BandTag card={card} /> },
      ]
    : [
        { key: 'unit', title: withPerson ? t('columns.person') : t('columns.unit'), render: (_, card) => unitCell(card) },
        {
          key: 'total',
          title: t('columns.total'),
          width: 150,
          render: (_, card) => (
            <Flex vertical gap={4} align="start">
              <Typography.Text strong={card.total !== null}>{scoreText(card)}</Typography.Text>
              {card.total !== null && <BandTag card={card} />}
            </Flex>
          ),
        },
      ];

  return (
    <Flex vertical gap={16}>
      <Flex wrap align="baseline" justify="space-between" gap={8}>
        <h1 style={{ fontSize: 24, margin: 0 }}>{t('title')}</h1>
        {hasRole('ADMIN') && (
          <Button icon={<SendOutlined aria-hidden />} onClick={() => setIssuing(true)}>
            {t('issue.button')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <Form layout="vertical" component="div" style={{ width: '100%' }}>
        <Flex wrap gap={12}>
          <Form.Item label={t('quarterPicker')} htmlFor="scorecards-quarter" style={{ marginBottom: 0, width: screens.sm ? 180 : '100%' }}>
            <Select
              id="scorecards-quarter"
              value={params.quarter}
              options={quarters.map((quarter) => ({ value: quarter, label: quarterLabel(quarter) }))}
              onChange={(quarter: string) => show({ quarter })}
            />
          </Form.Item>
          <Form.Item label={t('unitFilter.label')} htmlFor="scorecards-unit" style={{ marginBottom: 0, width: screens.sm ? 360 : '100%' }}>
            <UnitFilter id="scorecards-unit" value={params.unitId} onChange={(unitId) => show({ unitId })} />
          </Form.Item>
        </Flex>
      </Form>
      <Tabs
        aria-label={t('kind.label')}
        activeKey={params.kind}
        onChange={(kind) => show({ kind: kind as Kind })}
        items={KINDS.map((kind) => ({ key: kind, label: t(`kind.${kind}`) }))}
        style={{ marginBottom: -16 }}
      />
      {list.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('loadFailed')}
          description={list.error.message}
          action={<Button onClick={() => void list.refetch()}>{t('retry')}</Button>}
        />
      )}
      <Table<ScorecardSummary>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={list.isFetching && !data}
        size={screens.sm ? 'middle' : 'small'}
        locale={{ emptyText: <Empty description={t('empty', { quarter: quarterLabel(params.quarter) })} /> }}
        pagination={{
          current: params.page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          simple: !screens.sm,
          hideOnSinglePage: true,
          onChange: (page) => show({ page }),
        }}
      />
      {hasRole('ADMIN') && (
        <IssueQuarterDialog quarter={params.quarter} open={issuing} onClose={() => setIssuing(false)} onStarted={() => setPollUntil(Date.now() + POLL_MS)} />
      )}
    </Flex>
  );
}
