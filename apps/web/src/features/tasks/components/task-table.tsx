import { Progress, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TaskView } from '../api/types';
import { PAGE_SIZES } from '../utils/list-params';
import { DueTime, isOpenStatus, KeyTag, RiskTag, StatusTag, useUnitName } from './task-tags';

export interface TaskListProps {
  items: TaskView[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  empty: ReactNode;
  onPage: (page: number, pageSize: number) => void;
}

export function TaskProgress({ percent }: { percent: number | null }) {
  const { t } = useTranslation('tasks');
  if (percent === null) return <span aria-label={t('fields.noProgress')}>—</span>;
  return <Progress percent={percent} size="small" style={{ minWidth: 80, margin: 0 }} aria-label={t('fields.progressValue', { percent })} />;
}

/** The task list on a wide screen: one row per task, paged by the server. */
export function TaskTable({ items, total, page, pageSize, loading, empty, onPage }: TaskListProps) {
  const { t } = useTranslation('tasks');
  const unitName = useUnitName();
  const columns: TableProps<TaskView>['columns'] = [
    { key: 'code', title: t('fields.code'), dataIndex: 'code', render: (code: string) => <span style={{ whiteSpace: 'nowrap' }}>{code}</span> },
    {
      key: 'title',
      title: t('fields.title'),
      render: (_, task) => (
        <>
          <Link to={`/tasks/${task.id}`}>{task.title}</Link>
          {task.key && (
            <>
              {' '}
              <KeyTag />
            </>
          )}
        </>
      ),
    },
    { key: 'leadUnit', title: t('fields.leadUnit'), render: (_, task) => <span style={{ display: 'inline-block', minWidth: 130 }}>{unitName(task.leadUnit)}</span> },
    { key: 'status', title: t('fields.status'), render: (_, task) => <StatusTag status={task.status} /> },
    { key: 'risk', title: t('fields.risk'), render: (_, task) => <RiskTag risk={task.risk} /> },
    { key: 'dueAt', title: t('fields.dueAt'), render: (_, task) => <DueTime dueAt={task.dueAt} open={isOpenStatus(task.status)} workingDaysLeft={task.workingDaysLeft} /> },
    { key: 'progress', title: t('fields.progress'), render: (_, task) => <TaskProgress percent={task.progressPercent} /> },
  ];
  return (
    <Table<TaskView>
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 960 }}
      locale={{ emptyText: empty }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        showTotal: (count) => t('list.total', { count }),
        onChange: (next, size) => onPage(size === pageSize ? next : 1, size),
      }}
    />
  );
}
