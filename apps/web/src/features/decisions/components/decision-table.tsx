import { Empty, Table, theme, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DecisionItem } from '../api/types';
import { DetailCell, ItemAction, KindTag, LeadUnit, RequestedCell, TaskCell } from './decision-cells';

export const itemKey = (item: DecisionItem) => `${item.task.id}:${item.requestId}`;

interface Props {
  items: DecisionItem[];
  loading: boolean;
  pagination: TablePaginationConfig;
  empty: string;
  onOpen: (item: DecisionItem) => void;
}

/** The queue on a wide screen: one row per item, oldest first (the server's order). */
export function DecisionTable({ items, loading, pagination, empty, onOpen }: Props) {
  const { t } = useTranslation('decisions');
  const { token } = theme.useToken();
  const columns: TableColumnsType<DecisionItem> = [
    { key: 'kind', title: t('columns.kind'), width: 150, render: (_, item) => <KindTag kind={item.kind} /> },
    { key: 'task', title: t('columns.task'), width: 280, render: (_, item) => <TaskCell task={item.task} /> },
    { key: 'leadUnit', title: t('columns.leadUnit'), width: 180, render: (_, item) => <LeadUnit item={item} /> },
    { key: 'requested', title: t('columns.requested'), width: 200, render: (_, item) => <RequestedCell item={item} /> },
    { key: 'detail', title: t('columns.detail'), render: (_, item) => <DetailCell item={item} /> },
    { key: 'actions', title: t('columns.actions'), width: 140, fixed: 'right', render: (_, item) => <ItemAction item={item} onOpen={onOpen} /> },
  ];
  return (
    <Table<DecisionItem>
      rowKey={itemKey}
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 1150 }}
      // antd's own empty text is too pale (1.8:1): the description in the normal text colour.
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ color: token.colorText }}>{empty}</span>} /> }}
      size="middle"
    />
  );
}
