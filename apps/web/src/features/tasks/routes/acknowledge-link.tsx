import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Result, Spin, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '@/components/link-button';
import { api, ApiError, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { formatDateTime } from '@/lib/format';
import { useFragmentToken } from '@/lib/fragment-token';

type LinkView = components['schemas']['AcknowledgeLinkView'];
type LinkResult = components['schemas']['AcknowledgeLinkResult'];
/** The public layout's card is narrow (a phone): no side padding of its own. */
const RESULT_STYLE = { paddingInline: 0 };

type Problem = 'missing' | 'invalid' | 'expired' | 'used' | 'forbidden' | 'notFound';

/** What an API error says about the link itself (null: not about the link — a conflict, an outage). */
function problemOf(error: unknown): { kind: Problem; taskId?: string } | null {
  if (!(error instanceof ApiError)) return null;
  const { code, details } = error.problem;
  if (code === 'ACK_LINK_USED') return { kind: 'used', taskId: typeof details?.taskId === 'string' ? details.taskId : undefined };
  if (code === 'ACK_LINK_EXPIRED') return { kind: 'expired' };
  if (code === 'ACK_LINK_INVALID' || error.status === 400) return { kind: 'invalid' };
  if (error.status === 403) return { kind: 'forbidden' };
  if (error.status === 404) return { kind: 'notFound' };
  return null;
}

/**
 * The page of an acknowledgement email's button (`/ack#token=…`), signed in or not. Opening it
 * only shows the task (a mail scanner that follows the link changes nothing); the unit
 * acknowledges with the one button, a POST carrying the link's token. The token is read from the
 * fragment and removed from the address bar at once.
 */
export function Component() {
  const { t } = useTranslation('ack');
  const token = useFragmentToken();
  const preview = useQuery({
    queryKey: ['ack-link', token],
    queryFn: () => unwrap(api.POST('/api/tasks/acknowledge-links/preview', { body: { token: token! } })),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/tasks/acknowledge-links/confirm', { body: { token: token! } })),
  });
  // One confirmation per press, however fast the button is pressed again.
  const sent = useRef(false);
  const send = () => {
    if (sent.current) return;
    sent.current = true;
    confirm.mutate(undefined, { onError: () => (sent.current = false) });
  };

  if (token === null) return <LinkProblem kind="missing" />;
  if (confirm.isSuccess) return <Acknowledged result={confirm.data} />;
  const confirmProblem = problemOf(confirm.error);
  if (confirmProblem) return <LinkProblem {...confirmProblem} />;
  if (preview.isPending) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" description={t('loading')} />
      </Flex>
    );
  }
  if (preview.isError) {
    const problem = problemOf(preview.error);
    if (problem) return <LinkProblem {...problem} />;
    return (
      <Result
        style={RESULT_STYLE}
        status="error"
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('error.title')}</h1>}
        subTitle={preview.error.message}
        extra={<Button onClick={() => void preview.refetch()}>{t('retry')}</Button>}
      />
    );
  }
  const view = preview.data;
  if (view.acknowledged) return <Acknowledged result={{ ...view, acknowledgedNow: false }} />;
  const closed = view.status === 'DONE' || view.status === 'CANCELLED';

  return (
    <>
      <h1 style={{ fontSize: 24, marginTop: 0 }}>{t('title')}</h1>
      <Typography.Paragraph>{t('intro', { name: view.recipient.name })}</Typography.Paragraph>
      <TaskSummary view={view} />
      {confirm.isError && <Alert type="error" showIcon role="alert" title={t('error.title')} description={confirm.error.message} style={{ marginBottom: 16 }} />}
      {closed ? (
        <Alert type="info" showIcon title={t(`closed.${view.status}`)} />
      ) : (
        <>
          <Button type="primary" size="large" block loading={confirm.isPending} onClick={send}>
            {t('confirm')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
            {t('onlyButton')}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}

function TaskSummary({ view }: { view: LinkView }) {
  const { t, i18n } = useTranslation('ack');
  const unit = i18n.language === 'en' && view.leadUnit.nameEn ? view.leadUnit.nameEn : view.leadUnit.name;
  return (
    <Descriptions
      bordered
      column={1}
      size="small"
      style={{ marginBottom: 16 }}
      items={[
        { key: 'code', label: t('fields.code'), children: view.code },
        { key: 'title', label: t('fields.title'), children: view.title },
        { key: 'unit', label: t('fields.leadUnit'), children: unit },
        { key: 'due', label: t('fields.dueAt'), children: <time dateTime={view.dueAt}>{formatDateTime(view.dueAt)}</time> },
      ]}
    />
  );
}

/** Acknowledged: now, or before this page was opened. */
function Acknowledged({ result }: { result: LinkResult }) {
  const { t } = useTranslation('ack');
  const kind = result.acknowledgedNow ? 'done' : 'already';
  return (
    <Result
      style={RESULT_STYLE}
      status={result.acknowledgedNow ? 'success' : 'info'}
      title={<h1 style={{ fontSize: 22, margin: 0 }}>{t(`${kind}.title`)}</h1>}
      subTitle={t(`${kind}.text`, { code: result.code, title: result.title })}
      extra={<OpenTask taskId={result.taskId} />}
    />
  );
}

/** A link that cannot acknowledge: what happened, and the way forward (the task's page, after sign-in). */
function LinkProblem({ kind, taskId }: { kind: Problem; taskId?: string }) {
  const { t } = useTranslation('ack');
  return (
    <Result
      style={RESULT_STYLE}
      status={kind === 'used' ? 'info' : 'warning'}
      title={<h1 style={{ fontSize: 22, margin: 0 }}>{t(`${kind}.title`)}</h1>}
      subTitle={t(`${kind}.text`)}
      extra={<OpenTask taskId={taskId} />}
    />
  );
}

/** The way forward: the task's page (or the task list), behind sign-in when needed — a link that looks like the page's main button. */
function OpenTask({ taskId }: { taskId?: string }) {
  const { t } = useTranslation('ack');
  return (
    <Flex vertical align="center" gap={4}>
      <LinkButton type="primary" to={taskId ? `/tasks/${taskId}` : '/tasks'}>
        {taskId ? t('openTask') : t('openTasks')}
      </LinkButton>
      <Typography.Text type="secondary">{t('signInHint')}</Typography.Text>
    </Flex>
  );
}
