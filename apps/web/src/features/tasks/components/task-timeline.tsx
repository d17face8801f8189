import { Descriptions, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { Blocker, TaskStatus, TimelineEntry } from '../api/types';
import { useDayTime, useUnitName } from './task-tags';

/** Events whose dot is red (something slipped or was refused) or green (something was achieved). */
const RED = new Set(['OVERDUE', 'BLOCKER_DECLARED', 'ESCALATION_PROPOSED', 'ESCALATION_APPROVED', 'EXPLANATION_OVERDUE', 'CRITERION_FAILED', 'EVIDENCE_VERIFICATION_FAILED', 'EVIDENCE_REJECTED', 'EXTENSION_REJECTED', 'REGRESSED', 'CANCELLED']);
const GREEN = new Set(['ACKNOWLEDGED', 'EXTENSION_APPROVED', 'EXPLANATION_ANSWERED', 'CRITERION_VERIFIED', 'CRITERION_ATTESTED', 'EVIDENCE_VERIFIED', 'EVIDENCE_ACCEPTED', 'RECOVERED', 'BLOCKER_RESOLVED']);
const TIMERS = new Set(['ACK_REMINDER', 'REMINDER', 'DECISION_REMINDER', 'AFTER_CARE_CHECKED', 'AFTER_CARE_ENDED', 'BLOCKER_REMINDER']);

/** What of an event's data is shown, in this order. */
const DETAILS = ['percent', 'note', 'newDueAt', 'awaited', 'reason', 'question', 'deadline', 'answer', 'decision', 'level', 'criterion', 'resolution', 'comment', 'dates'] as const;
/** Data an event's summary line already says. */
const SUMMARISED: Record<string, ReadonlySet<string>> = { DUE_RECALCULATED: new Set(['newDueAt']) };
/** What ends a blocker by itself (BLOCKER_RESOLVED's `resolution`). */
const AUTOMATIC = new Set(['TASK_CLOSED', 'REASSIGNED']);
const TIMES = new Set(['newDueAt', 'deadline']);

/** Red: something slipped or was refused; green: achieved; grey: a timer; blue (not the theme's red): anything else. */
function colorOf(type: string): string {
  if (RED.has(type)) return 'red';
  if (GREEN.has(type)) return 'green';
  return TIMERS.has(type) ? 'gray' : '#1677ff';
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** 2026-04-27 → 27/04/2026 (a calendar date, no time zone). */
const calendarDate = (value: string): string => value.split('-').reverse().join('/');

/**
 * Every event of the task, newest first: what, who (or dondoc itself), when, from which state to
 * which, and for some a line saying what happened (a due time recalculated, the unit of a blocker,
 * a reminder in working days). `blockers` name the units of the blocker events; `highlight` marks
 * the entry a link pointed at (`#event-<seq>`).
 */
export function TaskTimeline({ entries, blockers = [], highlight }: { entries: TimelineEntry[]; blockers?: Blocker[]; highlight?: number }) {
  const { t } = useTranslation('tasks');
  const dayTime = useDayTime();
  const unitName = useUnitName();
  if (entries.length === 0) return <Empty description={t('timeline.empty')} />;
  const status = (value: string) => t(`status.${value as TaskStatus}`, { defaultValue: value });

  const summary = (type: string, data: Record<string, unknown>): string[] => {
    if (type === 'DUE_RECALCULATED') {
      const from = text(data.oldDueAt);
      const to = text(data.newDueAt);
      return from && to ? [t('timeline.text.dueRecalculated', { from: dayTime(from), to: dayTime(to) })] : [];
    }
    if (type === 'REMINDER') {
      const dueAt = text(data.dueAt);
      if (!dueAt) return [];
      return [typeof data.workingDays === 'number' ? t('timeline.text.reminderWorkingDays', { count: data.workingDays, dueAt: dayTime(dueAt) }) : t('timeline.text.reminder', { dueAt: dayTime(dueAt) })];
    }
    if (type.startsWith('BLOCKER_')) {
      const blocker = blockers.find((b) => b.id === data.blockerId);
      const lines = blocker?.blockingUnit ? [t('timeline.text.blocker', { unit: unitName(blocker.blockingUnit) })] : [];
      if (type === 'BLOCKER_DECIDED') {
        lines.push(t(data.confirm ? 'timeline.text.decidedConfirmed' : 'timeline.text.decidedNotConfirmed'));
        if (data.end) lines.push(t('timeline.text.decidedEnded'));
      }
      return lines;
    }
    return [];
  };

  const detail = (key: (typeof DETAILS)[number], value: unknown): string => {
    if (key === 'dates' && Array.isArray(value)) return value.map((date) => calendarDate(String(date))).join(', ');
    if (key === 'resolution' && typeof value === 'string' && AUTOMATIC.has(value)) return t(`blockers.automatic.${value as 'TASK_CLOSED' | 'REASSIGNED'}`);
    if (TIMES.has(key) && typeof value === 'string') return formatDateTime(value);
    if (key === 'percent') return `${String(value)}%`;
    if (key === 'criterion') return t(`criterion.${String(value)}`, { defaultValue: String(value) });
    if (key === 'decision') return t(`beyondDecision.${String(value)}`, { defaultValue: String(value) });
    return String(value);
  };

  return (
    <Timeline
      items={[...entries].reverse().map((entry) => {
        const data = entry.data as Record<string, unknown>;
        const shown = DETAILS.filter((key) => data[key] !== undefined && data[key] !== null && data[key] !== '' && !SUMMARISED[entry.type]?.has(key));
        const lines = summary(entry.type, data);
        return {
          key: entry.seq,
          color: colorOf(entry.type),
          content: (
            // `#event-<seq>` addresses one entry (the scorecards link to the entries behind a score).
            <article
              id={`event-${entry.seq}`}
              tabIndex={-1}
              aria-label={t(`events.${entry.type}`, { defaultValue: entry.type })}
              aria-current={highlight === entry.seq ? 'true' : undefined}
              style={highlight === entry.seq ? { background: '#fffbe6', outline: '2px solid #faad14', outlineOffset: 4, borderRadius: 4, scrollMarginTop: 16 } : { scrollMarginTop: 16 }}
            >
              <Typography.Text strong>{t(`events.${entry.type}`, { defaultValue: entry.type })}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {entry.actor ? entry.actor.name : t('timeline.system')} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                {entry.fromStatus && entry.fromStatus !== entry.toStatus && <> · {t('timeline.move', { from: status(entry.fromStatus), to: status(entry.toStatus) })}</>}
              </Typography.Text>
              {lines.map((line) => (
                <Typography.Paragraph key={line} style={{ margin: '4px 0 0' }}>
                  {line}
                </Typography.Paragraph>
              ))}
              {shown.length > 0 && (
                <Descriptions
                  size="small"
                  column={1}
                  style={{ marginTop: 4 }}
                  items={shown.map((key) => ({
                    key,
                    label: t(`timeline.data.${key}`),
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{detail(key, data[key])}</span>,
                  }))}
                />
              )}
            </article>
          ),
        };
      })}
    />
  );
}
