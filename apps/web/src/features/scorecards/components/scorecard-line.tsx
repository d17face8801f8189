import { Card, Flex, Grid, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LineTask, ScorecardLine } from '../api/types';
import { timelineEntryPath } from '../utils/links';
import { localised } from '../utils/names';
import { formatPoints } from '../utils/points';

export type LineName = 'quantity' | 'quality' | 'progress';

/**
 * One of the three lines: its points, its arithmetic as the API wrote it, and per task the points,
 * why (in the reader's language) and the timeline entries behind them, each a link to that entry.
 */
export function ScorecardLineCard({ name, line }: { name: LineName; line: ScorecardLine }) {
  const { t, i18n } = useTranslation('scorecards');
  const screens = Grid.useBreakpoint();
  const title = t(`lines.${name}`);
  const headingId = `line-${name}`;

  const events = (task: LineTask) =>
    task.events.length === 0 ? (
      <Typography.Text type="secondary">{t('lines.noEvents')}</Typography.Text>
    ) : (
      <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
        {task.events.map((event) => {
          const label = t(`tasks:events.${event.type}`, { defaultValue: event.type });
          return (
            <li key={`${event.taskId}-${event.seq}`}>
              <Link to={timelineEntryPath(event.taskId, event.seq)} aria-label={t('lines.eventLink', { seq: event.seq, code: task.code, event: label })}>
                #{event.seq} {label}
              </Link>
            </li>
          );
        })}
      </ul>
    );

  const taskCell = (task: LineTask) => (
    <Flex vertical gap={2}>
      <Link to={`/tasks/${task.taskId}`}>{task.code}</Link>
      {!screens.md && <Typography.Text>{localised(task.reason, i18n.language)}</Typography.Text>}
      {!screens.md && events(task)}
    </Flex>
  );

  const columns: TableColumnsType<LineTask> = [
    { key: 'task', title: t('lines.task'), width: screens.md ? 130 : undefined, render: (_, task) => taskCell(task) },
    {
      key: 'points',
      title: t('lines.points'),
      align: 'end',
      width: screens.md ? 110 : 84,
      render: (_, task) => <span style={{ whiteSpace: 'nowrap' }}>{t('score.of', { points: formatPoints(task.points), of: formatPoints(task.of) })}</span>,
    },
    ...(screens.md
      ? ([
          { key: 'reason', title: t('lines.reason'), render: (_, task) => localised(task.reason, i18n.language) },
          { key: 'events', title: t('lines.events'), width: 320, render: (_, task) => events(task) },
        ] satisfies TableColumnsType<LineTask>)
      : []),
  ];

  return (
    <Card
      className="scorecard-line"
      size="small"
      title={
        <h2 id={headingId} style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
          {title}
        </h2>
      }
      extra={
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('score.of', { points: formatPoints(line.points), of: formatPoints(line.of) })}
        </Typography.Text>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {t('lines.arithmetic')}: <code style={{ fontSize: 14, whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{line.arithmetic}</code>
        </Typography.Text>
        <Table<LineTask>
          rowKey="taskId"
          size="small"
          columns={columns}
          dataSource={line.tasks}
          pagination={false}
          locale={{ emptyText: t('lines.noTasks') }}
        />
      </Flex>
    </Card>
  );
}
