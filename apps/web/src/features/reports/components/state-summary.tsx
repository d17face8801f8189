import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '@/lib/format';
import type { Against, Statistics, StatisticsRow } from '../api/types';
import { STATE_COLOURS } from '../utils/colours';
import { figureLink, STATES } from '../utils/overview-params';

interface Line {
  key: string;
  label: string;
  row: StatisticsRow;
  against: Against;
}

/** A figure of the summary: the number, its share of all counted tasks, a link to its tasks. */
function Figure({ line, state }: { line: Line; state: (typeof STATES)[number] }) {
  const { t } = useTranslation('reports');
  const count = line.row[line.against][state.figure];
  const percent = line.row[line.against].percentOfAll[state.figure];
  const text = formatNumber(count);
  if (!line.row.drillDown) return <span>{text}</span>;
  return (
    <Link to={figureLink(line.row.drillDown, state.state, line.against)} aria-label={t('figure.label', { what: line.label, state: t(`state.${state.state}`), count, countText: text })}>
      <Typography.Text strong style={{ color: count > 0 ? STATE_COLOURS[state.figure] : undefined, fontSize: 16 }}>
        {text}
      </Typography.Text>
      {percent !== null && <Typography.Text style={{ marginInlineStart: 6, fontSize: 12 }}>({formatNumber(percent, 1)}%)</Typography.Text>}
    </Link>
  );
}

/**
 * The official statistic set of the scope: the totals, then the four states against the original
 * and the current (extended) due time, for every task and for key tasks apart; each figure a link
 * to its tasks.
 */
export function StateSummary({ all, keyTasks }: { all: Statistics; keyTasks?: Statistics }) {
  const { t } = useTranslation('reports');
  const totals = all.totals;
  const lines: Line[] = [
    { key: 'all-original', label: t('summary.allOriginal'), row: totals, against: 'original' },
    { key: 'all-current', label: t('summary.allCurrent'), row: totals, against: 'current' },
    ...(keyTasks
      ? ([
          { key: 'key-original', label: t('summary.keyOriginal'), row: keyTasks.totals, against: 'original' },
          { key: 'key-current', label: t('summary.keyCurrent'), row: keyTasks.totals, against: 'current' },
        ] as Line[])
      : []),
  ];
  const columns: ColumnsType<Line> = [
    { key: 'label', title: t('summary.tasks'), dataIndex: 'label', fixed: 'left', width: 150, render: (label: string) => <Typography.Text strong>{label}</Typography.Text> },
    ...STATES.map((state) => ({ key: state.state, title: t(`state.${state.state}`), width: 130, render: (_: unknown, line: Line) => <Figure line={line} state={state} /> })),
    {
      key: 'alreadyDue',
      title: t('summary.alreadyDue'),
      width: 110,
      render: (_: unknown, line: Line) => formatNumber(line.row[line.against].alreadyDue),
    },
  ];
  const tile = (title: string, value: number, to: string | null, label: string) => (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic
          title={title}
          value={value}
          formatter={() => (to ? <Link to={to} aria-label={label}>{formatNumber(value)}</Link> : formatNumber(value))}
        />
      </Card>
    </Col>
  );
  const keyCount = keyTasks ? keyTasks.totals.total : totals.key;
  return (
    <section aria-labelledby="overview-summary">
      <Typography.Title level={2} id="overview-summary" style={{ fontSize: 18 }}>
        {t('summary.title')}
      </Typography.Title>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {tile(t('summary.total'), totals.total, totals.drillDown ? figureLink(totals.drillDown) : null, t('summary.totalLink', { count: totals.total, countText: formatNumber(totals.total) }))}
        {tile(t('summary.key'), keyCount, keyTasks?.totals.drillDown ? figureLink(keyTasks.totals.drillDown) : null, t('summary.keyLink', { count: keyCount, countText: formatNumber(keyCount) }))}
        {tile(t('summary.overdue'), totals.current.overdue, totals.drillDown ? figureLink(totals.drillDown, 'OVERDUE', 'current') : null, t('summary.overdueLink', { count: totals.current.overdue, countText: formatNumber(totals.current.overdue) }))}
        {tile(t('summary.cancelled'), totals.cancelled, totals.drillDown ? figureLink(totals.drillDown, 'CANCELLED') : null, t('summary.cancelledLink', { count: totals.cancelled, countText: formatNumber(totals.cancelled) }))}
      </Row>
      <Table<Line> size="small" bordered pagination={false} columns={columns} dataSource={lines} scroll={{ x: 790 }} />
    </section>
  );
}
