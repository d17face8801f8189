import { Button, Empty, Form, Grid, Select, Tabs, Tag, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTaskCounts, useTasks } from '../api/use-tasks';
import { QueryError } from '../components/query-error';
import { TaskCards } from '../components/task-cards';
import { activeFilters, NO_FILTERS, TaskFilters } from '../components/task-filters';
import { TaskTable } from '../components/task-table';
import { TAG_COLOURS } from '../components/task-tags';
import { DrillDownNotice } from '../components/drill-down-notice';
import { countsQuery, listQuery, readListParams, TABS, withoutDrillDown, writeListParams, type ListParams } from '../utils/list-params';

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
  const { token } = theme.useToken();
  const phone = screens.md === false;
  const update = (change: Partial<ListParams>) => setSearchParams(writeListParams(searchParams, change));

  const filtered = activeFilters(params) > 0;
  const empty = (
    // In the normal text colour: antd's empty text is too pale (under 4.5:1).
    <Empty description={<span style={{ color: token.colorText }}>{filtered || params.tab !== 'all' ? t('list.emptyFiltered') : t('list.empty')}</span>}>
      {filtered && (
        <Button onClick={() => update(NO_FILTERS)}>
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
      {params.drill ? (
        // A statistic's tasks: exactly those the figure counts, so no tab narrows them.
        <DrillDownNotice drill={params.drill} total={tasks.data?.total} onClear={() => setSearchParams(withoutDrillDown(searchParams))} />
      ) : phone ? (
        // On a phone the tabs would overflow into antd's "…" menu (inside the tablist: not accessible); a labelled select instead.
        <Form layout="vertical" component="div">
          <Form.Item label={t('tabs.label')} htmlFor="task-tab-select" style={{ marginBottom: 12 }}>
            <Select
              id="task-tab-select"
              value={params.tab}
              onChange={(tab: ListParams['tab']) => update({ tab })}
              options={TABS.map((tab) => {
                const count = counts.data?.[tab];
                return { value: tab, label: count === undefined ? t(`tabs.${tab}`) : `${t(`tabs.${tab}`)} (${count})` };
              })}
            />
          </Form.Item>
        </Form>
      ) : (
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
                    <Tag color={tab === 'overdue' && count > 0 ? TAG_COLOURS.red : undefined} variant="outlined" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                      {count}
                    </Tag>
                  )}
                </span>
              ),
            };
          })}
        />
      )}
      <TaskFilters params={params} onChange={update} folded={phone} />
      {tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : phone ? (
        <TaskCards {...listProps} />
      ) : (
        <TaskTable {...listProps} />
      )}
    </>
  );
}
