import { Descriptions, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { TaskStatus, TimelineEntry } from '../api/types';

/** Events whose dot is red (something slipped or was refused) or green (something was achieved). */
const RED = new Set(['OVERDUE', 'ESCALATION_PROPOSED', 'ESCALATION_APPROVED', 'EXPLANATION_OVERDUE', 'CRITERION_FAILED', 'EVIDENCE_VERIFICATION_FAILED', 'EVIDENCE_REJECTED', 'EXTENSION_REJECTED', 'REGRESSED', 'CANCELLED']);
const GREEN = new Set(['ACKNOWLEDGED', 'EXTENSION_APPROVED', 'EXPLANATION_ANSWERED', 'CRITERION_VERIFIED', 'CRITERION_ATTESTED', 'EVIDENCE_VERIFIED', 'EVIDENCE_ACCEPTED', 'RECOVERED']);
const TIMERS = new Set(['ACK_REMINDER', 'REMINDER', 'DECISION_REMINDER', 'AFTER_CARE_CHECKED', 'AFTER_CARE_ENDED']);

/** What of an event's data is shown, in this order. */
const DETAILS = ['percent', 'note', 'newDueAt', 'reason', 'question', 'deadline', 'answer', 'decision', 'level', 'criterion', 'comment'] as const;
const TIMES = new Set(['newDueAt', 'deadline']);

/** Red: something slipped or was refused; green: achieved; grey: a timer; blue (not the theme's red): anything else. */
function colorOf(type: string): string {
  if (RED.has(type)) return 'red';
  if (GREEN.has(type)) return 'green';
  return TIMERS.has(type) ? 'gray' : '#1677ff';
}

/** Every event of the task, newest first: what, who (or dondoc itself), when, from which state to which. */
export function TaskTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation('tasks');
  if (entries.length === 0) return <Empty description={t('timeline.empty')} />;
  const status = (value: string) => t(`status.${value as TaskStatus}`, { defaultValue: value });

  const detail = (key: (typeof DETAILS)[number], value: unknown): string => {
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
        const shown = DETAILS.filter((key) => data[key] !== undefined && data[key] !== null && data[key] !== '');
        return {
          key: entry.seq,
          color: colorOf(entry.type),
          content: (
            <article aria-label={t(`events.${entry.type}`, { defaultValue: entry.type })}>
              <Typography.Text strong>{t(`events.${entry.type}`, { defaultValue: entry.type })}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {entry.actor ? entry.actor.name : t('timeline.system')} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                {entry.fromStatus && entry.fromStatus !== entry.toStatus && <> · {t('timeline.move', { from: status(entry.fromStatus), to: status(entry.toStatus) })}</>}
              </Typography.Text>
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
