import { Alert, Badge, Button, Flex, Form, Grid, Select, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDecisionCounts } from '../api/use-decision-count';
import { useDecisionLookup, useDecisions } from '../api/use-decisions';
import { DECISION_KINDS, type DecisionItem, type DecisionKind } from '../api/types';
import { DecisionCards } from '../components/decision-cards';
import { DecisionDialog } from '../components/decision-dialog';
import { DecisionTable } from '../components/decision-table';
import { COLOURS, MUTED } from '../utils/colours';
import { PAGE_SIZES, readQueueParams, writeQueueParams, type QueueParams } from '../utils/queue-params';

const ALL = 'all';

const sameItem = (item: DecisionItem, target: { taskId: string; requestId: string }) => item.task.id === target.taskId && item.requestId === target.requestId;

/**
 * The decisions queue: everything that waits for the signed-in user (escalation levels,
 * extensions, matters beyond authority, evidence to review, unanswered explanations, blockers a
 * leader over both units decides on), oldest first, by kind. `?task=…&request=…` (the links in the emails) opens that item's dialog.
 */
export function Component() {
  const { t } = useTranslation('decisions');
  const [params, setParams] = useSearchParams();
  const queue = readQueueParams(params);
  const { target } = queue;
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const counts = useDecisionCounts();
  const list = useDecisions({ kind: queue.kind, page: queue.page, pageSize: queue.pageSize });

  // The open item is held here: it stays while it leaves the list (optimistically) during its decision.
  const [open, setOpen] = useState<DecisionItem | null>(null);
  const targetIsOpen = open !== null && target !== null && sameItem(open, target);
  const onPage = target && !targetIsOpen ? (list.data?.items.find((item) => sameItem(item, target)) ?? null) : null;
  const lookup = useDecisionLookup(target, target !== null && !targetIsOpen && list.isSuccess && !list.isPlaceholderData && onPage === null);
  const found = onPage ?? (lookup.isSuccess && !lookup.isFetching ? lookup.data : null);
  if (target && !targetIsOpen && found) setOpen(found);
  if (!target && open) setOpen(null);
  const missing = target !== null && !targetIsOpen && !found && lookup.isSuccess && !lookup.isFetching && lookup.data === null;

  const go = (next: Partial<QueueParams>, replace = false) => setParams(writeQueueParams({ ...queue, ...next }), { replace });
  const openItem = (item: DecisionItem) => go({ target: { taskId: item.task.id, requestId: item.requestId } });
  const close = () => go({ target: null }, true);

  const byKind = counts.data?.byKind;
  const tabs = [ALL, ...DECISION_KINDS].map((key) => {
    const count = key === ALL ? counts.data?.total : byKind?.[key as DecisionKind];
    const label = t(`kinds.${key}`);
    return {
      key,
      label: (
        <Flex align="center" gap={6}>
          <span>{label}</span>
          {count !== undefined && <Badge count={count} showZero overflowCount={999} color={count > 0 ? COLOURS.red : COLOURS.grey} />}
        </Flex>
      ),
    };
  });

  const kindOptions = [ALL, ...DECISION_KINDS].map((key) => {
    const count = key === ALL ? counts.data?.total : byKind?.[key as DecisionKind];
    const label = t(`kinds.${key}`);
    return { value: key, label: count === undefined ? label : `${label} (${count})` };
  });
  const changeKind = (key: string) => go({ kind: key === ALL ? null : (key as DecisionKind), page: 1, target: null });

  const items = list.data?.items ?? [];
  const empty = t(queue.kind ? 'emptyKind' : 'empty');
  const pagination = {
    current: queue.page,
    pageSize: queue.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    showTotal: (total: number, [from, to]: [number, number]) => t('pagination', { from, to, total }),
    onChange: (page: number, pageSize: number) => go({ page: pageSize === queue.pageSize ? page : 1, pageSize }),
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph style={{ color: MUTED }}>{t('intro')}</Typography.Paragraph>

      {target && !targetIsOpen && lookup.isFetching && (
        <Alert type="info" showIcon icon={<Spin size="small" />} title={t('deepLink.searching')} style={{ marginBottom: 16 }} />
      )}
      {missing && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('deepLink.missingTitle')}
          description={t('deepLink.missingText')}
          action={
            <Button
              size="small"
              href={`/tasks/${target.taskId}`}
              onClick={(event) => {
                event.preventDefault();
                void navigate(`/tasks/${target.taskId}`);
              }}
            >
              {t('deepLink.openTask')}
            </Button>
          }
          closable={{ onClose: close, 'aria-label': t('common:actions.close') }}
          style={{ marginBottom: 16 }}
        />
      )}
      {lookup.isError && target && !targetIsOpen && (
        <Alert type="error" showIcon role="alert" title={t('deepLink.failed')} description={lookup.error.message} closable={{ onClose: close }} style={{ marginBottom: 16 }} />
      )}

      {screens.md === false ? (
        // On a phone the tabs would overflow into antd's "…" menu (inside the tablist: not accessible); a labelled select instead.
        <Form layout="vertical" component="div">
          <Form.Item label={t('filterLabel')} htmlFor="decision-kind-select" style={{ marginBottom: 12 }}>
            <Select
              id="decision-kind-select"
              value={queue.kind ?? ALL}
              options={kindOptions}
              onChange={(key: string) => changeKind(key)}
            />
          </Form.Item>
        </Form>
      ) : (
        <Tabs activeKey={queue.kind ?? ALL} items={tabs} onChange={changeKind} aria-label={t('filterLabel')} />
      )}

      {list.isError ? (
        <Alert type="error" showIcon role="alert" title={t('loadFailed')} description={list.error.message} />
      ) : screens.md ? (
        <DecisionTable items={items} loading={list.isFetching} pagination={pagination} empty={empty} onOpen={openItem} />
      ) : (
        <DecisionCards
          items={items}
          loading={list.isFetching}
          pagination={{ current: pagination.current, pageSize: pagination.pageSize, total: pagination.total, onChange: pagination.onChange }}
          empty={empty}
          onOpen={openItem}
        />
      )}

      {open && <DecisionDialog key={`${open.task.id}:${open.requestId}`} item={open} onClose={close} />}
    </>
  );
}
