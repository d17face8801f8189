import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '@/lib/format';
import type { Blocker, PersonRef, TaskDetail } from '../api/types';
import { DarkTag, TAG_COLOURS, useUnitName } from './task-tags';

/** What ends a blocker by itself (the API's `resolution`). */
const AUTOMATIC = new Set(['TASK_CLOSED', 'REASSIGNED']);

/** Open blockers first (the API sends them so; kept here whatever the order), then the newest. */
function ordered(blockers: Blocker[]): Blocker[] {
  return [...blockers].sort((a, b) => (a.status === b.status ? Date.parse(b.declaredAt) - Date.parse(a.declaredAt) : a.status === 'OPEN' ? -1 : 1));
}

export interface BlockerSectionProps {
  task: TaskDetail;
  onResolve: (blockerId: string) => void;
  onDecide: (blockerId: string) => void;
}

/**
 * The units the lead unit waits (or waited) on, open ones first: which unit, what is awaited,
 * since when, who said so, whether a leader confirmed it as an objective cause, and how it ended;
 * a button to mark it resolved or to decide on it for those the API lets do so now.
 */
export function BlockerSection({ task, onResolve, onDecide }: BlockerSectionProps) {
  const { t } = useTranslation('tasks');
  const unitName = useUnitName();
  if (task.blockers.length === 0) return null;
  const byAt = (who: PersonRef | null, at: string | null) => t('blockers.byAt', { name: who ? who.name : t('timeline.system'), at: formatDateTime(at) });
  const canResolve = task.actions.includes('resolveBlocker');
  const canDecide = task.actions.includes('decideBlocker');

  return (
    <Card title={t('blockers.title', { count: task.blockers.length })} size="small">
      <Flex vertical gap={16} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {ordered(task.blockers).map((blocker) => {
          const unit = blocker.blockingUnit ? unitName(blocker.blockingUnit) : t('blockers.unknownUnit');
          const open = blocker.status === 'OPEN';
          const resolution = blocker.resolution && AUTOMATIC.has(blocker.resolution) ? t(`blockers.automatic.${blocker.resolution as 'TASK_CLOSED' | 'REASSIGNED'}`) : blocker.resolution;
          const items = [
            { key: 'awaited', label: t('blockers.awaited'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{blocker.awaited}</span> },
            { key: 'since', label: t('blockers.since'), children: formatDate(blocker.since) },
            { key: 'declared', label: t('blockers.declared'), children: byAt(blocker.declaredBy, blocker.declaredAt) },
            ...(blocker.reason ? [{ key: 'reason', label: t('blockers.reason'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{blocker.reason}</span> }] : []),
            ...(!open
              ? [
                  {
                    key: 'resolution',
                    label: t('blockers.resolution'),
                    children: (
                      <span style={{ whiteSpace: 'pre-wrap' }}>
                        {resolution ?? '—'}
                        <br />
                        <Typography.Text type="secondary">{byAt(blocker.resolvedBy, blocker.resolvedAt)}</Typography.Text>
                      </span>
                    ),
                  },
                ]
              : []),
            ...(blocker.decidedAt
              ? [
                  {
                    key: 'decision',
                    label: t('blockers.decision'),
                    children: (
                      <span style={{ whiteSpace: 'pre-wrap' }}>
                        {blocker.decisionComment ?? '—'}
                        <br />
                        <Typography.Text type="secondary">{byAt(blocker.decidedBy, blocker.decidedAt)}</Typography.Text>
                      </span>
                    ),
                  },
                ]
              : []),
          ];
          return (
            <li key={blocker.id} aria-label={unit}>
              <Flex wrap gap={8} justify="space-between" align="start">
                <div style={{ minWidth: 0, flex: '1 1 260px' }}>
                  <Flex wrap gap={4} align="center" style={{ marginBottom: 4 }}>
                    <DarkTag colour={open ? TAG_COLOURS.red : TAG_COLOURS.green}>{t(open ? 'blockers.open' : 'blockers.resolved')}</DarkTag>
                    {blocker.decidedAt && <DarkTag colour={blocker.confirmed ? TAG_COLOURS.blue : TAG_COLOURS.grey}>{t(blocker.confirmed ? 'blockers.confirmed' : 'blockers.notConfirmed')}</DarkTag>}
                    <Typography.Text strong>{unit}</Typography.Text>
                    {blocker.coordinating && <Typography.Text type="secondary">({t('blockers.coordinating')})</Typography.Text>}
                  </Flex>
                  <Descriptions size="small" column={1} items={items} />
                </div>
                <Flex wrap gap={8}>
                  {open && canResolve && (
                    <Button onClick={() => onResolve(blocker.id)} aria-label={t('blockers.resolveOf', { unit })}>
                      {t('actions.resolveBlocker')}
                    </Button>
                  )}
                  {!blocker.decidedAt && canDecide && (
                    <Button onClick={() => onDecide(blocker.id)} aria-label={t('blockers.decideOf', { unit })}>
                      {t('actions.decideBlocker')}
                    </Button>
                  )}
                </Flex>
              </Flex>
            </li>
          );
        })}
      </Flex>
    </Card>
  );
}
