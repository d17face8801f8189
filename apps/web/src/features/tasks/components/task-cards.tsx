import { Card, Descriptions, Flex, Listy, Pagination, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TaskView } from '../api/types';
import { DueTime, isOpenStatus, KeyTag, RiskTag, StatusTag, useUnitName } from './task-tags';
import { TaskProgress, type TaskListProps } from './task-table';

/** The task list on a phone: one card per task, with what the table shows. */
export function TaskCards({ items, total, page, pageSize, loading, empty, onPage }: TaskListProps) {
  const { t } = useTranslation('tasks');
  const unitName = useUnitName();
  if (!loading && items.length === 0) return <>{empty}</>;
  return (
    <Spin spinning={loading}>
      <Listy<TaskView>
        items={items}
        rowKey="id"
        virtual={false}
        styles={{ item: { padding: '0 0 8px', borderBottom: 'none' } }}
        itemRender={(task) => (
          <Card size="small">
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">{task.code}</Typography.Text>
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                <Link to={`/tasks/${task.id}`}>{task.title}</Link>
              </Typography.Title>
              <Flex wrap gap={4}>
                <StatusTag status={task.status} />
                <RiskTag risk={task.risk} />
                {task.key && <KeyTag />}
              </Flex>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'leadUnit', label: t('fields.leadUnit'), children: unitName(task.leadUnit) },
                  { key: 'dueAt', label: t('fields.dueAt'), children: <DueTime dueAt={task.dueAt} open={isOpenStatus(task.status)} workingDaysLeft={task.workingDaysLeft} /> },
                  { key: 'progress', label: t('fields.progress'), children: <TaskProgress percent={task.progressPercent} /> },
                ]}
              />
            </Flex>
          </Card>
        )}
      />
      <Pagination
        simple
        align="center"
        current={page}
        pageSize={pageSize}
        total={total}
        showTotal={(count) => t('list.total', { count })}
        onChange={(next, size) => onPage(size === pageSize ? next : 1, size)}
      />
    </Spin>
  );
}
