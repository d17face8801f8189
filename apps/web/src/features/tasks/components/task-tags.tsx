import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { Rag, TaskStatus, UnitRef } from '../api/types';
import { timeLeft } from '../utils/time-left';

const RAG_COLOR: Record<Rag, string> = { RED: 'red', AMBER: 'orange', GREEN: 'green', DONE: 'blue', CANCELLED: 'default' };
const STATUS_COLOR: Record<TaskStatus, string> = {
  ASSIGNED: 'gold',
  IN_PROGRESS: 'processing',
  EVIDENCE_SUBMITTED: 'purple',
  DONE: 'success',
  CANCELLED: 'default',
};

/** The task's risk: its colour and, always, its words. */
export function RagTag({ rag }: { rag: Rag }) {
  const { t } = useTranslation('tasks');
  return <Tag color={RAG_COLOR[rag]}>{t(`rag.${rag}`)}</Tag>;
}

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation('tasks');
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
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
