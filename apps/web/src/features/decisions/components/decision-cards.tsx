import { Card, Empty, Flex, Pagination, Spin, theme, type PaginationProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DecisionItem } from '../api/types';
import { DetailCell, ItemAction, KindTag, LeadUnit, Muted, RequestedCell, TaskCell } from './decision-cells';
import { itemKey } from './decision-table';

interface Props {
  items: DecisionItem[];
  loading: boolean;
  pagination: PaginationProps;
  empty: string;
  onOpen: (item: DecisionItem) => void;
}

/** The queue on a phone: one card per item, the action at the bottom, full width. */
export function DecisionCards({ items, loading, pagination, empty, onOpen }: Props) {
  const { t } = useTranslation('decisions');
  const { token } = theme.useToken();
  return (
    <Spin spinning={loading}>
      {items.length === 0 && !loading ? (
        <Empty description={<span style={{ color: token.colorText }}>{empty}</span>} />
      ) : (
        <Flex vertical gap={8} role="list" aria-label={t('title')}>
          {items.map((item) => (
            <Card key={itemKey(item)} size="small" role="listitem" styles={{ body: { padding: 12 } }}>
              <Flex vertical gap={8}>
                <Flex justify="space-between" align="start" gap={8}>
                  <KindTag kind={item.kind} />
                  <Muted small>
                    <LeadUnit item={item} />
                  </Muted>
                </Flex>
                <TaskCell task={item.task} />
                <DetailCell item={item} />
                <RequestedCell item={item} />
                <ItemAction item={item} onOpen={onOpen} block />
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {pagination.total !== undefined && pagination.total > (pagination.pageSize ?? 20) && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination simple {...pagination} />
        </Flex>
      )}
    </Spin>
  );
}
