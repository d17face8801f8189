import { Breadcrumb, Flex, Skeleton, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { DialogAction } from '../api/use-task-action';
import { useTask } from '../api/use-task';
import { BlockerSection } from '../components/blocker-section';
import { EvidenceSection } from '../components/evidence-section';
import { PendingRequests } from '../components/pending-requests';
import { QueryError } from '../components/query-error';
import { TaskActions } from '../components/task-actions';
import { TaskDialog } from '../components/task-dialogs';
import { TaskOverview } from '../components/task-overview';
import { KeyTag, RiskTag, StatusTag } from '../components/task-tags';
import { TaskTimeline } from '../components/task-timeline';

const TABS = ['overview', 'timeline', 'evidence'] as const;
type Tab = (typeof TABS)[number];

interface OpenDialog {
  action: DialogAction;
  requestId?: string;
  open: boolean;
  /** Each opening mounts a new dialog: a fresh form and a fresh idempotency key. */
  opening: number;
}

/** A task: what it is, what waits on it, its timeline, its evidence, and what the user may do now. */
export function Component() {
  const { t } = useTranslation('tasks');
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const task = useTask(id);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const { hash } = useLocation();
  // `#event-<seq>`: one timeline entry (a scorecard's line links to the entries behind it).
  const eventSeq = /^#event-(\d{1,9})$/.exec(hash)?.[1];
  const highlight = eventSeq === undefined ? undefined : Number(eventSeq);
  const named = searchParams.get('tab') ?? (highlight !== undefined ? 'timeline' : '');
  const tab: Tab = (TABS as readonly string[]).includes(named) ? (named as Tab) : 'overview';
  const showTab = (next: Tab) =>
    setSearchParams(
      (current) => {
        const params = new URLSearchParams(current);
        if (next === 'overview') params.delete('tab');
        else params.set('tab', next);
        return params;
      },
      { replace: true },
    );

  const loaded = task.isSuccess;
  useEffect(() => {
    if (!loaded || highlight === undefined || tab !== 'timeline') return;
    const entry = document.getElementById(`event-${highlight}`);
    entry?.scrollIntoView?.({ block: 'center' });
    entry?.focus({ preventScroll: true });
  }, [loaded, highlight, tab]);

  if (task.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (task.isError) return <QueryError error={task.error} onRetry={() => void task.refetch()} />;
  const data = task.data;
  const openDialog = (action: DialogAction, requestId?: string) =>
    setDialog((current) => ({ action, requestId, open: true, opening: (current?.opening ?? 0) + 1 }));

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/tasks">{t('list.title')}</Link> }, { title: data.code }]} />
      <div>
        <Typography.Text type="secondary">{data.code}</Typography.Text>
        <Typography.Title level={1} style={{ fontSize: 24, margin: '4px 0 8px' }}>
          {data.title}
        </Typography.Title>
        <Flex wrap gap={4}>
          <StatusTag status={data.status} />
          <RiskTag risk={data.risk} />
          {data.key && <KeyTag />}
        </Flex>
      </div>
      <TaskActions
        task={data}
        onAction={(action) => openDialog(action)}
        onEvidence={() => {
          showTab('evidence');
          document.getElementById('task-tabs')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }}
      />
      <PendingRequests task={data} onAnswer={(requestId) => openDialog('answerExplanation', requestId)} />
      <BlockerSection task={data} onResolve={(blockerId) => openDialog('resolveBlocker', blockerId)} onDecide={(blockerId) => openDialog('decideBlocker', blockerId)} />
      <Tabs
        id="task-tabs"
        activeKey={tab}
        onChange={(key) => showTab(key as Tab)}
        items={[
          { key: 'overview', label: t('tabs.overview'), children: <TaskOverview task={data} /> },
          { key: 'timeline', label: t('tabs.timeline', { count: data.timeline.length }), children: <TaskTimeline entries={data.timeline} blockers={data.blockers} highlight={highlight} /> },
          { key: 'evidence', label: t('tabs.evidence'), children: <EvidenceSection taskId={data.id} actions={data.actions} /> },
        ]}
      />
      {dialog && (
        <TaskDialog
          key={dialog.opening}
          action={dialog.action}
          requestId={dialog.requestId}
          task={data}
          open={dialog.open}
          onClose={() => setDialog((current) => (current ? { ...current, open: false } : null))}
          afterClose={() => setDialog(null)}
        />
      )}
    </Flex>
  );
}
