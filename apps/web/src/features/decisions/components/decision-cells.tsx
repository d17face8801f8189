import { Button, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import type { DecisionItem, DecisionKind, DecisionTaskRef } from '../api/types';
import { COLOURS, CRITERION_STATUS_COLOURS, KIND_COLOURS, MUTED, RISK_COLOURS } from '../utils/colours';
import { unitName } from '../utils/names';

/** Muted text, readable: antd's secondary text is not (3.4:1). */
export function Muted({ children, small }: { children: ReactNode; small?: boolean }) {
  return <Typography.Text style={{ color: MUTED, ...(small ? { fontSize: 12 } : {}) }}>{children}</Typography.Text>;
}

export function KindTag({ kind }: { kind: DecisionKind }) {
  const { t } = useTranslation('decisions');
  return (
    <Tag color={KIND_COLOURS[kind]} variant="outlined" style={{ whiteSpace: 'normal' }}>
      {t(`kinds.${kind}`)}
    </Tag>
  );
}

/** A time as "3 ngày trước (12/11/2026 09:00)", machine-readable too. */
export function When({ value }: { value: string }) {
  const { t } = useTranslation('decisions');
  return <time dateTime={value}>{t('requestedAt', { relative: formatRelative(value), absolute: formatDateTime(value) })}</time>;
}

export function TaskCell({ task }: { task: DecisionTaskRef }) {
  const { t } = useTranslation('decisions');
  return (
    <Flex vertical gap={2}>
      <Flex gap={6} align="center" wrap>
        <Link to={`/tasks/${task.id}`} style={{ color: COLOURS.blue }}>
          <strong>{task.code}</strong>
        </Link>
        {task.risk && (
          <Tag color={RISK_COLOURS[task.risk]} variant="outlined" style={{ marginInlineEnd: 0 }}>
            {t(`risk.${task.risk}`)}
          </Tag>
        )}
      </Flex>
      <Typography.Text>{task.title}</Typography.Text>
      <Muted small>{t('due', { time: formatDateTime(task.dueAt) })}</Muted>
    </Flex>
  );
}

export function LeadUnit({ item }: { item: DecisionItem }) {
  const { i18n } = useTranslation();
  return <>{unitName(item.task.leadUnit, i18n.language)}</>;
}

export function RequestedCell({ item }: { item: DecisionItem }) {
  const { t } = useTranslation('decisions');
  return (
    <Flex vertical gap={2}>
      <Typography.Text>{item.requestedBy ? item.requestedBy.name : t('system')}</Typography.Text>
      <Muted small>
        <When value={item.requestedAt} />
      </Muted>
    </Flex>
  );
}

/** A blocker: the unit waited on, what for, since when, why, and whether it is still open. */
function BlockerDetail({ item }: { item: DecisionItem & { kind: 'blocker' } }) {
  const { t, i18n } = useTranslation('decisions');
  const { details } = item;
  const open = details.status === 'OPEN';
  // A blocker ends by itself when the task closes (then it is no longer decided: not here) or moves to another lead unit.
  const resolution = details.resolution === 'REASSIGNED' ? t('detail.reassigned') : details.resolution;
  return (
    <>
      <Typography.Text strong>{t('detail.blockingUnit', { unit: details.blockingUnit ? unitName(details.blockingUnit, i18n.language) : t('detail.unknownUnit') })}</Typography.Text>
      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: details.awaited }} style={{ margin: 0 }}>
        {t('detail.awaited', { awaited: details.awaited })}
      </Typography.Paragraph>
      {details.reason && (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: details.reason }} style={{ margin: 0 }}>
          {t('detail.reason', { reason: details.reason })}
        </Typography.Paragraph>
      )}
      <Flex gap={6} align="center" wrap>
        <Tag color={open ? COLOURS.orange : COLOURS.green} variant="outlined">
          {t(open ? 'detail.blockerOpen' : 'detail.blockerResolved')}
        </Tag>
        <Muted>{t('detail.blockedSince', { date: formatDate(details.since) })}</Muted>
      </Flex>
      {resolution && (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: resolution }} style={{ margin: 0 }}>
          {t('detail.resolution', { resolution })}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** The one thing to know about an item before opening it: the level, the time asked for, the reason… */
export function DetailCell({ item }: { item: DecisionItem }) {
  const { t, i18n } = useTranslation('decisions');
  const reminded = 'remindedAt' in item.details && item.details.remindedAt;
  const lines = (() => {
    switch (item.kind) {
      case 'escalation':
        return (
          <>
            <Typography.Text strong>{t('detail.escalationLevel', { level: item.details.level })}</Typography.Text>
            <Typography.Text>{t('detail.escalationOverdue', { dueAt: formatDateTime(item.task.dueAt) })}</Typography.Text>
            {item.details.openExplanation && (
              <span>
                <Tag color={COLOURS.grey} variant="outlined">
                  {t('detail.withExplanation')}
                </Tag>
              </span>
            )}
          </>
        );
      case 'extension':
        return (
          <>
            <Typography.Text strong>{t('detail.extensionTo', { newDueAt: formatDateTime(item.details.newDueAt) })}</Typography.Text>
            <Muted>{t('detail.extensionFrom', { currentDueAt: formatDateTime(item.details.currentDueAt) })}</Muted>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: item.details.reason }} style={{ margin: 0 }}>
              {t('detail.reason', { reason: item.details.reason })}
            </Typography.Paragraph>
            {item.details.newDueAtPassed && (
              <span>
                <Tag color={COLOURS.red} variant="outlined" style={{ whiteSpace: 'normal' }}>
                  {t('detail.extensionPassed')}
                </Tag>
              </span>
            )}
          </>
        );
      case 'beyondAuthority':
        return (
          <Typography.Paragraph ellipsis={{ rows: 3, tooltip: item.details.reason }} style={{ margin: 0 }}>
            {t('detail.reason', { reason: item.details.reason })}
          </Typography.Paragraph>
        );
      case 'evidenceReview':
        return (
          <>
            <Typography.Text>{t('detail.evidence', { evidenceId: item.details.evidenceId, verifiedAt: formatDateTime(item.details.verifiedAt) })}</Typography.Text>
            <Flex gap={4} wrap>
              {Object.entries(item.details.criteria).map(([criterion, status]) => (
                <Tag key={criterion} color={CRITERION_STATUS_COLOURS[status]} variant="outlined">
                  {t(`review.criteria.${criterion}`)}: {t(`review.statusShort.${status}`)}
                </Tag>
              ))}
            </Flex>
          </>
        );
      case 'explanation':
        return (
          <>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: item.details.question }} style={{ margin: 0 }}>
              {t('detail.question', { question: item.details.question })}
            </Typography.Paragraph>
            <Typography.Text>{t('detail.answerer', { unit: unitName(item.task.leadUnit, i18n.language) })}</Typography.Text>
            <Muted>{t('detail.since', { time: formatDateTime(item.requestedAt) })}</Muted>
            <Flex gap={6} align="center" wrap>
              <Typography.Text style={item.details.overdue ? { color: COLOURS.red } : undefined}>{t('detail.deadline', { deadline: formatDateTime(item.details.deadline) })}</Typography.Text>
              {item.details.overdue && (
                <Tag color={COLOURS.red} variant="outlined">
                  {t('detail.overdue')}
                </Tag>
              )}
            </Flex>
          </>
        );
      case 'blocker':
        return <BlockerDetail item={item} />;
    }
  })();
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      {lines}
      {reminded && (
        <Muted small>{t('reminded', { time: formatDateTime(reminded) })}</Muted>
      )}
    </Flex>
  );
}

/** The row's action: decide (a dialog), review the evidence, or — for an explanation — open the task. */
export function ItemAction({ item, onOpen, block }: { item: DecisionItem; onOpen: (item: DecisionItem) => void; block?: boolean }) {
  const { t } = useTranslation('decisions');
  const navigate = useNavigate();
  if (item.kind === 'explanation') {
    const href = `/tasks/${item.task.id}`;
    return (
      <Button
        href={href}
        block={block}
        aria-label={t('actions.openTaskItem', { code: item.task.code })}
        onClick={(event) => {
          event.preventDefault();
          void navigate(href);
        }}
      >
        {t('actions.openTask')}
      </Button>
    );
  }
  const review = item.kind === 'evidenceReview';
  return (
    <Button type="primary" block={block} onClick={() => onOpen(item)} aria-label={t(review ? 'actions.reviewItem' : 'actions.decideItem', { code: item.task.code })}>
      {t(review ? 'actions.review' : 'actions.decide')}
    </Button>
  );
}
