import { Button, Empty, Grid, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTaskCounts, useTasks } from '../api/use-tasks';
import { QueryError } from '../components/query-error';
import { TaskCards } from '../components/task-cards';
import { activeFilters, TaskFilters } from '../components/task-filters';
import { TaskTable } from '../components/task-table';
import { countsQuery, listQuery, readListParams, TABS, writeListParams, type ListParams } from '../utils/list-params';

/**
 * "My tasks": the tasks within the user's scope (the API scopes them), the riskiest first, by tab
 * and filters; everything the page shows is in its URL.
 */
export function Component() {
  const { t } = useTranslation('tasks');
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readListParams(searchParams);
  const tasks = useTasks(listQuery(params));
  const counts = useTaskCounts(countsQuery(params));
  const screens = Grid.useBreakpoint();
  const update = (change: Partial<ListParams>) => setSearchParams(writeListParams(searchParams, change));

  const filtered = activeFilters(params) > 0;
  const empty = (
    <Empty description={filtered || params.tab !== 'all' ? t('list.emptyFiltered') : t('list.empty')}>
      {filtered && (
        <Button onClick={() => update({ q: undefined, program: undefined, status: undefined, overdue: undefined, dueThisWeek: undefined })}>
          {t('filters.clear')}
        </Button>
      )}
    </Empty>
  );
  const listProps = {
    items: tasks.data?.items ?? [],
    total: tasks.data?.total ?? 0,
    page: params.page,
    pageSize: params.pageSize,
    loading: tasks.isFetching,
    empty,
    onPage: (page: number, pageSize: number) => update({ page, pageSize }),
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('list.title')}
      </Typography.Title>
      <Tabs
        activeKey={params.tab}
        onChange={(tab) => update({ tab: tab as ListParams['tab'] })}
        items={TABS.map((tab) => {
          const count = counts.data?.[tab];
          return {
            key: tab,
            label: (
              <span>
                {t(`tabs.${tab}`)}
                {count !== undefined && (
                  <Tag color={tab === 'overdue' && count > 0 ? 'red' : undefined} style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                    {count}
                  </Tag>
                )}
              </span>
            ),
          };
        })}
      />
      <TaskFilters params={params} onChange={update} folded={screens.md === false} />
      {tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : screens.md === false ? (
        <TaskCards {...listProps} />
      ) : (
        <TaskTable {...listProps} />
      )}
    </>
  );
}
