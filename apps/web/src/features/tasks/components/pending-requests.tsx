import { Button, Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { pendingOf, type TaskDetail } from '../api/types';
import { LinkButton } from '@/components/link-button';
import { DarkTag, TAG_COLOURS } from './task-tags';

interface Row {
  key: string;
  kind: 'escalation' | 'extension' | 'explanation' | 'beyondAuthority' | 'evidenceReview';
  who: string | null;
  at: string;
  text: ReactNode;
  /** The user may decide it on the decisions page. */
  decide: boolean;
  /** The user may answer it here (an explanation). */
  answer: boolean;
}

/** The names of the people the task's page knows: its timeline's actors and the people on the task. */
function peopleOf(task: TaskDetail): Map<string, string> {
  const people = new Map<string, string>();
  for (const person of [task.focalOfficer, task.assignedBy, ...task.reviewers, ...task.timeline.map((entry) => entry.actor)]) {
    if (person) people.set(person.id, person.name);
  }
  return people;
}

/**
 * What waits on the task: escalations, extensions, explanations, matters beyond authority and
 * evidence to review; a link to decide those the user may decide, a button to answer an explanation.
 */
export function PendingRequests({ task, onAnswer }: { task: TaskDetail; onAnswer: (requestId: string) => void }) {
  const { t } = useTranslation('tasks');
  const { user } = useAuth();
  const pending = pendingOf(task);
  const people = peopleOf(task);
  const can = (action: TaskDetail['actions'][number]) => task.actions.includes(action);
  const name = (id: string | null) => (id ? (people.get(id) ?? t('pending.someone')) : t('timeline.system'));

  const rows: Row[] = [
    ...pending.escalations.map((item) => ({
      key: item.id,
      kind: 'escalation' as const,
      who: null,
      at: item.proposedAt,
      text: t('pending.escalationText', { level: item.level }),
      decide: can('decideEscalation') && !!user && item.deciders.includes(user.id),
      answer: false,
    })),
    ...pending.extensions.map((item) => ({
      key: item.id,
      kind: 'extension' as const,
      who: item.requestedBy,
      at: item.requestedAt,
      text: (
        <>
          {t('pending.extensionText', { newDueAt: formatDateTime(item.newDueAt) })}
          <br />
          {item.reason}
        </>
      ),
      decide: can('decideExtension'),
      answer: false,
    })),
    ...pending.explanations.map((item) => ({
      key: item.id,
      kind: 'explanation' as const,
      who: item.requestedBy,
      at: item.requestedAt,
      text: (
        <>
          {item.question}
          <br />
          {t('pending.explanationDeadline', { deadline: formatDateTime(item.deadline) })}
        </>
      ),
      decide: false,
      answer: can('answerExplanation'),
    })),
    ...pending.beyondAuthority.map((item) => ({
      key: item.id,
      kind: 'beyondAuthority' as const,
      who: item.raisedBy,
      at: item.raisedAt,
      text: item.reason,
      decide: can('decideBeyondAuthority'),
      answer: false,
    })),
    ...(pending.evidenceReview
      ? [
          {
            key: pending.evidenceReview.id,
            kind: 'evidenceReview' as const,
            who: pending.evidenceReview.submittedBy,
            at: pending.evidenceReview.submittedAt,
            text: t('pending.evidenceReviewText'),
            decide: can('reviewEvidence'),
            answer: false,
          },
        ]
      : []),
  ];
  if (rows.length === 0) return null;

  return (
    <Card title={t('pending.title', { count: rows.length })} size="small" style={{ marginBottom: 16 }}>
      <Flex vertical gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((row) => (
          <li key={row.key}>
            <Flex wrap gap={8} justify="space-between" align="start">
              <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                <DarkTag colour={TAG_COLOURS.brown}>{t(`pending.kind.${row.kind}`)}</DarkTag>
                <Typography.Text type="secondary">
                  {row.kind === 'escalation' ? t('timeline.system') : name(row.who)} · {formatDateTime(row.at)}
                </Typography.Text>
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{row.text}</Typography.Paragraph>
              </div>
              {row.decide && (
                <LinkButton type="primary" to={`/decisions?task=${encodeURIComponent(task.id)}&request=${encodeURIComponent(row.key)}`}>
                  {t('pending.decide')}
                </LinkButton>
              )}
              {row.answer && (
                <Button type="primary" onClick={() => onAnswer(row.key)}>
                  {t('actions.answerExplanation')}
                </Button>
              )}
            </Flex>
          </li>
        ))}
      </Flex>
    </Card>
  );
}
