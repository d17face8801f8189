import { StarFilled } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, inVietnam } from '@/lib/format';
import type { Risk, TaskStatus, UnitRef } from '../api/types';
import { timeLeft } from '../utils/time-left';

/**
 * Dark colours for outlined tags, each at least 4.5:1 on white (antd's preset tag colours are
 * not); every tag says its meaning in words too, never colour alone.
 */
export const TAG_COLOURS = {
  red: '#a8071a',
  orange: '#ad4e00',
  green: '#237804',
  blue: '#0958d9',
  purple: '#531dab',
  brown: '#7c4a03',
  grey: '#434343',
} as const;

/**
 * The six risk colours. A dark amber (#ad6800) would be 4.4:1 on white, under 4.5:1: AMBER takes
 * the orange and ORANGE (done late) the brown, both readable.
 */
export const RISK_COLOURS: Record<Risk, string> = {
  RED: TAG_COLOURS.red,
  AMBER: TAG_COLOURS.orange,
  GREY: TAG_COLOURS.grey,
  BLUE: TAG_COLOURS.blue,
  ORANGE: TAG_COLOURS.brown,
  GREEN: TAG_COLOURS.green,
};
const STATUS_COLOR: Record<TaskStatus, string> = {
  ASSIGNED: TAG_COLOURS.brown,
  IN_PROGRESS: TAG_COLOURS.blue,
  EVIDENCE_SUBMITTED: TAG_COLOURS.purple,
  DONE: TAG_COLOURS.green,
  CANCELLED: TAG_COLOURS.grey,
};

/** An outlined tag in one of TAG_COLOURS. */
export function DarkTag({ colour, children }: { colour: string; children: ReactNode }) {
  return (
    <Tag color={colour} variant="outlined">
      {children}
    </Tag>
  );
}

/** The task's risk: its colour and, always, its words; nothing for a cancelled task (its status says it). */
export function RiskTag({ risk }: { risk: Risk | null }) {
  const { t } = useTranslation('tasks');
  if (risk === null) return null;
  return <DarkTag colour={RISK_COLOURS[risk]}>{t(`risk.${risk}`)}</DarkTag>;
}

/** The mark of a key task (nhiệm vụ trọng tâm). */
export function KeyTag() {
  const { t } = useTranslation('tasks');
  return (
    <Tag color={TAG_COLOURS.purple} variant="outlined" icon={<StarFilled aria-hidden />}>
      {t('fields.keyTask')}
    </Tag>
  );
}

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation('tasks');
  return <DarkTag colour={STATUS_COLOR[status]}>{t(`status.${status}`)}</DarkTag>;
}

/**
 * "còn 3 ngày làm việc" / "hạn hôm nay, còn 3 giờ" / "quá hạn 2 ngày làm việc", in working days of
 * the national calendar when the API counted them (a task), else in calendar days (a milestone);
 * a tooltip says which.
 */
export function TimeLeftText({ dueAt, workingDaysLeft }: { dueAt: string; workingDaysLeft?: number | null }) {
  const { t } = useTranslation('tasks');
  const left = timeLeft(dueAt, workingDaysLeft);
  const working = workingDaysLeft !== undefined && workingDaysLeft !== null;
  const text = left.kind === 'today' ? t('due.today', { count: left.count }) : t(`due.${left.kind}.${left.unit}`, { count: left.count });
  return (
    <Tooltip title={t(working ? 'due.workingDays' : 'due.calendarDays')}>
      <Typography.Text type={left.kind === 'overdue' ? 'danger' : 'secondary'} tabIndex={0} style={{ whiteSpace: 'nowrap' }}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}

/** "thứ Ba 24/02/2026 17:00", in Vietnam's time. */
export function useDayTime(): (value: string) => string {
  const { t } = useTranslation('tasks');
  return (value) => {
    const time = inVietnam(value);
    return t('dayTime', { weekday: t(`weekday.${time.day()}`), dateTime: time.format('DD/MM/YYYY HH:mm') });
  };
}

/** A due time and, for an open task, the time left or how late it is. */
export function DueTime({ dueAt, open, workingDaysLeft }: { dueAt: string; open: boolean; workingDaysLeft?: number | null }) {
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(dueAt)}</span>
      {open && (
        <>
          <br />
          <TimeLeftText dueAt={dueAt} workingDaysLeft={workingDaysLeft} />
        </>
      )}
    </span>
  );
}

export function useUnitName(): (unit: Pick<UnitRef, 'nameVi' | 'nameEn'>) => string {
  const { i18n } = useTranslation();
  return (unit) => (i18n.language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi);
}

export const isOpenStatus = (status: TaskStatus): boolean => status !== 'DONE' && status !== 'CANCELLED';
