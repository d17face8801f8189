import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { Rag, TaskStatus, UnitRef } from '../api/types';
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

const RAG_COLOR: Record<Rag, string> = { RED: TAG_COLOURS.red, AMBER: TAG_COLOURS.orange, GREEN: TAG_COLOURS.green, DONE: TAG_COLOURS.blue, CANCELLED: TAG_COLOURS.grey };
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

/** The task's risk: its colour and, always, its words. */
export function RagTag({ rag }: { rag: Rag }) {
  const { t } = useTranslation('tasks');
  return <DarkTag colour={RAG_COLOR[rag]}>{t(`rag.${rag}`)}</DarkTag>;
}

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation('tasks');
  return <DarkTag colour={STATUS_COLOR[status]}>{t(`status.${status}`)}</DarkTag>;
}

/** "còn 3 ngày" / "quá hạn 2 ngày", in calendar days (a tooltip says so). */
export function TimeLeftText({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation('tasks');
  const left = timeLeft(dueAt);
  return (
    <Tooltip title={t('due.calendarDays')}>
      <Typography.Text type={left.kind === 'overdue' ? 'danger' : 'secondary'} tabIndex={0} style={{ whiteSpace: 'nowrap' }}>
        {t(`due.${left.kind}.${left.unit}`, { count: left.count })}
      </Typography.Text>
    </Tooltip>
  );
}

/** A due time and, for an open task, the time left or how late it is. */
export function DueTime({ dueAt, open }: { dueAt: string; open: boolean }) {
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(dueAt)}</span>
      {open && (
        <>
          <br />
          <TimeLeftText dueAt={dueAt} />
        </>
      )}
    </span>
  );
}

export function useUnitName(): (unit: UnitRef) => string {
  const { i18n } = useTranslation();
  return (unit) => (i18n.language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi);
}

export const isOpenStatus = (status: TaskStatus): boolean => status !== 'DONE' && status !== 'CANCELLED';
