import { CheckOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Grid, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, formatRelative, inVietnam } from '@/lib/format';
import { INBOX_PAGE_SIZE, useInbox, type InboxItem } from '../api/use-inbox';
import { useMarkAllRead, useMarkRead } from '../api/use-mark-read';
import { appPathOf } from '../utils/app-path';

type Filter = 'all' | 'unread';

function pageOf(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
}

/**
 * The in-app notifications, newest first, paged on the server; the page and the "unread only"
 * filter are in the URL (`/inbox?unread=1&page=2`). Opening one marks it read.
 */
export function Component() {
  const { t } = useTranslation('inbox');
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const page = pageOf(params.get('page'));
  const filter: Filter = params.get('unread') === '1' ? 'unread' : 'all';
  const inbox = useInbox({ page, unread: filter === 'unread' });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const data = inbox.data;
  const unread = data?.unread ?? 0;

  const show = (next: { page?: number; filter?: Filter }) =>
    setParams(
      (current) => {
        const query = new URLSearchParams(current);
        const nextFilter = next.filter ?? filter;
        if (nextFilter === 'unread') query.set('unread', '1');
        else query.delete('unread');
        const nextPage = next.filter !== undefined ? 1 : (next.page ?? page);
        if (nextPage > 1) query.set('page', String(nextPage));
        else query.delete('page');
        return query;
      },
      { replace: next.page === undefined },
    );

  // A page beyond the last (after notifications were read under "unread only", or an old link): the last page.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / INBOX_PAGE_SIZE)) : 1;
  const beyond = !inbox.isPlaceholderData && !!data && page > lastPage;
  useEffect(() => {
    if (beyond) show({ page: lastPage });
  }, [beyond, lastPage]);

  const columns: TableColumnsType<InboxItem> = [
    {
      key: 'subject',
      title: t('columns.subject'),
      render: (_, item) => <Subject item={item} onOpen={() => !item.readAt && markRead.mutate(item.id)} showTime={!screens.sm} />,
    },
    {
      key: 'time',
      title: t('columns.time'),
      responsive: ['sm'],
      width: 170,
      render: (_, item) => <time dateTime={item.createdAt} title={formatRelative(item.createdAt)}>{formatDateTime(item.createdAt)}</time>,
    },
    {
      key: 'actions',
      title: t('columns.actions'),
      width: screens.sm ? 170 : 56,
      align: 'end',
      render: (_, item) =>
        item.readAt ? (
          <Typography.Text type="secondary">{screens.sm ? t('read') : <CheckOutlined aria-label={t('read')} />}</Typography.Text>
        ) : (
          <Button size="small" icon={<CheckOutlined aria-hidden />} aria-label={t('markReadOf', { subject: item.subject })} onClick={() => markRead.mutate(item.id)}>
            {screens.sm ? t('markRead') : null}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Flex wrap align="baseline" justify="space-between" gap={8} style={{ marginBottom: 16 }}>
        <Flex align="baseline" gap={12} wrap>
          <h1 style={{ fontSize: 24, margin: 0 }}>{t('title')}</h1>
          {data && <Typography.Text type="secondary">{t('unreadCount', { count: unread })}</Typography.Text>}
        </Flex>
        <Flex wrap gap={8}>
          <Segmented<Filter>
            aria-label={t('filter.label')}
            value={filter}
            onChange={(value) => show({ filter: value })}
            options={[
              { value: 'all', label: t('filter.all') },
              { value: 'unread', label: t('filter.unread') },
            ]}
          />
          <Button icon={<CheckOutlined aria-hidden />} disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('markAll')}
          </Button>
        </Flex>
      </Flex>
      {inbox.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('loadFailed')}
          description={inbox.error.message}
          action={<Button onClick={() => void inbox.refetch()}>{t('retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<InboxItem>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={inbox.isFetching && !data}
        size={screens.sm ? 'middle' : 'small'}
        locale={{ emptyText: <Empty description={filter === 'unread' ? t('emptyUnread') : t('empty')} /> }}
        pagination={{
          current: page,
          pageSize: INBOX_PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          simple: !screens.sm,
          hideOnSinglePage: true,
          onChange: (next) => show({ page: next }),
        }}
      />
    </>
  );
}

/** "Email sẽ gửi lúc 08:00 thứ Hai 07/12": when an email held until office hours goes out. */
function EmailHeld({ item }: { item: InboxItem }) {
  const { t } = useTranslation('inbox');
  if (!item.emailSendAfter || (item.emailStatus !== 'PENDING' && item.emailStatus !== 'SENDING')) return null;
  const at = inVietnam(item.emailSendAfter);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      <time dateTime={item.emailSendAfter}>{t('emailHeld', { time: at.format('HH:mm'), weekday: t(`weekday.${at.day()}`), date: at.format('DD/MM') })}</time>
    </Typography.Text>
  );
}

/** The notification's subject, bold with a tag while unread, linking to what it is about; when its email is held, when it goes. */
function Subject({ item, onOpen, showTime }: { item: InboxItem; onOpen: () => void; showTime: boolean }) {
  const { t } = useTranslation('inbox');
  const path = appPathOf(item.link, item.taskId);
  const unread = !item.readAt;
  const text = unread ? <strong>{item.subject}</strong> : item.subject;
  return (
    <Flex vertical gap={2}>
      <span>
        {unread && (
          <Tag color="red" style={{ marginInlineEnd: 8 }}>
            {t('unread')}
          </Tag>
        )}
        {path ? (
          <Link to={path} onClick={onOpen}>
            {text}
          </Link>
        ) : (
          text
        )}
      </span>
      {showTime && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </Typography.Text>
      )}
      <EmailHeld item={item} />
    </Flex>
  );
}
