import { DatePicker, Form, Input, Select, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BLOCKER_DECISION_FIELDS, BlockerDecisionFields, blockerDecisionBody, type BlockerDecisionValues } from '@/components/blocker-decision-fields';
import { dayjs, inVietnam, TIME_ZONE } from '@/lib/format';
import type { Blocker, TaskDetail } from '../api/types';
import { useUnitSearch } from '../api/use-units';
import { ActionDialog } from './action-dialog';
import { useUnitName } from './task-tags';

const TEXT_MAX = 4_000;
const AWAITED_MAX = 1_000;
/** The blocking unit's choice for a unit that does not coordinate the task. */
const OTHER = 'other';

export interface BlockerDialogProps {
  task: TaskDetail;
  /** resolve, decide: the blocker chosen first. */
  blockerId?: string;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
}

const textArea = (max: number) => <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={max} showCount />;

function useRequired() {
  const { t } = useTranslation('tasks');
  return (field: string) => ({ required: true, whitespace: true, message: t('dialogs.required', { field }) });
}

/** "Sở Tài chính — chờ: dữ liệu dân cư", for choosing a blocker. */
function useBlockerLabel(): (blocker: Blocker) => string {
  const { t } = useTranslation('tasks');
  const unitName = useUnitName();
  return (blocker) => t('dialogs.blockerOption', { unit: blocker.blockingUnit ? unitName(blocker.blockingUnit) : t('blockers.unknownUnit'), awaited: blocker.awaited });
}

/**
 * `since` as the API takes it: the start of the picked day in Vietnam, but never before the
 * assignment (a blocker declared on the day the task was assigned waits since the assignment).
 */
export function sinceOf(day: Dayjs, assignedAt: string): string {
  const start = dayjs.tz(day.format('YYYY-MM-DD'), TIME_ZONE);
  // The assignment instant as the API gave it, to the millisecond (a second dropped would be before it).
  return start.isBefore(assignedAt) ? assignedAt : start.format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The unit picker for a unit that does not coordinate the task (searching every active unit, in scope or not). */
function OtherUnit({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('tasks');
  const unitName = useUnitName();
  const [search, setSearch] = useState('');
  const units = useUnitSearch(search, true);
  const label = t('dialogs.declareBlocker.pickUnit');
  const excluded = new Set([task.leadUnit.id, ...task.coordinatingUnits.map((unit) => unit.id)]);
  return (
    <Form.Item name="otherUnitId" label={label} rules={[{ required: true, message: t('dialogs.required', { field: label }) }]}>
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        placeholder={t('dialogs.declareBlocker.unitSearch')}
        loading={units.isFetching}
        notFoundContent={units.isFetching ? <Spin size="small" /> : t(search.trim() ? 'dialogs.declareBlocker.noUnits' : 'dialogs.declareBlocker.unitSearch')}
        options={(units.data ?? [])
          .filter((unit) => !excluded.has(unit.id))
          .map((unit) => {
            const parent = unit.parentNameVi === null ? null : unitName({ nameVi: unit.parentNameVi, nameEn: unit.parentNameEn });
            return { value: unit.id, label: `${unit.code} — ${unitName(unit)}${parent ? ` (${parent})` : ''}` };
          })}
      />
    </Form.Item>
  );
}

/** The blocking unit: one of the task's coordinating units, or another unit (picked, with a reason). */
function BlockingUnit({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('tasks');
  const unitName = useUnitName();
  const required = useRequired();
  const choice = Form.useWatch<string | undefined>('blockingUnitId');
  const unitLabel = t('dialogs.declareBlocker.unit');
  const reasonLabel = t('dialogs.declareBlocker.reason');
  const coordinating = task.coordinatingUnits.map((unit) => ({ value: unit.id, label: unitName(unit) }));
  return (
    <>
      <Form.Item name="blockingUnitId" label={unitLabel} rules={[{ required: true, message: t('dialogs.required', { field: unitLabel }) }]}>
        <Select
          options={[
            ...(coordinating.length ? [{ label: t('dialogs.declareBlocker.coordinating'), title: t('dialogs.declareBlocker.coordinating'), options: coordinating }] : []),
            { value: OTHER, label: t('dialogs.declareBlocker.otherUnit') },
          ]}
        />
      </Form.Item>
      {choice === OTHER && (
        <>
          <OtherUnit task={task} />
          <Form.Item name="reason" label={reasonLabel} rules={[required(reasonLabel)]}>
            {textArea(TEXT_MAX)}
          </Form.Item>
        </>
      )}
    </>
  );
}

interface DeclareFields {
  blockingUnitId: string;
  otherUnitId?: string;
  reason?: string;
  awaited: string;
  since: Dayjs;
}

/** The lead unit declares that it waits on another unit: which, for what, since when. */
export function DeclareBlockerDialog({ task, open, onClose, afterClose }: BlockerDialogProps) {
  const { t } = useTranslation('tasks');
  const required = useRequired();
  const awaitedLabel = t('dialogs.declareBlocker.awaited');
  const sinceLabel = t('dialogs.declareBlocker.since');
  const today = dayjs(inVietnam(new Date()).format('YYYY-MM-DD'));
  const assigned = dayjs(inVietnam(task.assignedAt).format('YYYY-MM-DD'));
  return (
    <ActionDialog<DeclareFields>
      taskId={task.id}
      open={open}
      onClose={onClose}
      afterClose={afterClose}
      title={t('dialogs.declareBlocker.title')}
      okText={t('dialogs.declareBlocker.ok')}
      success={t('dialogs.declareBlocker.success')}
      intro={<Typography.Paragraph>{t('dialogs.declareBlocker.intro')}</Typography.Paragraph>}
      fieldNames={['blockingUnitId', 'reason', 'awaited', 'since']}
      initialValues={{ blockingUnitId: task.coordinatingUnits.length === 1 ? task.coordinatingUnits[0].id : task.coordinatingUnits.length ? undefined : OTHER, since: today }}
      toInput={(fields) => {
        const other = fields.blockingUnitId === OTHER;
        return {
          action: 'declareBlocker',
          body: {
            blockingUnitId: other ? fields.otherUnitId! : fields.blockingUnitId,
            awaited: fields.awaited.trim(),
            since: sinceOf(fields.since, task.assignedAt),
            ...(other ? { reason: fields.reason?.trim() } : {}),
          },
        };
      }}
    >
      <BlockingUnit task={task} />
      <Form.Item name="awaited" label={awaitedLabel} rules={[required(awaitedLabel)]}>
        {textArea(AWAITED_MAX)}
      </Form.Item>
      <Form.Item name="since" label={sinceLabel} extra={t('dialogs.declareBlocker.sinceHelp')} rules={[{ required: true, message: t('dialogs.required', { field: sinceLabel }) }]}>
        <DatePicker format="DD/MM/YYYY" disabledDate={(day) => day.isAfter(today, 'day') || day.isBefore(assigned, 'day')} style={{ width: '100%' }} />
      </Form.Item>
    </ActionDialog>
  );
}

/** Either side (or a leader over both) says an open blocker is over, and how. */
export function ResolveBlockerDialog({ task, blockerId, open, onClose, afterClose }: BlockerDialogProps) {
  const { t } = useTranslation('tasks');
  const required = useRequired();
  const label = useBlockerLabel();
  const openBlockers = task.blockers.filter((blocker) => blocker.status === 'OPEN');
  const blockerLabel = t('dialogs.resolveBlocker.blocker');
  const resolutionLabel = t('dialogs.resolveBlocker.resolution');
  return (
    <ActionDialog<{ blockerId: string; resolution: string }>
      taskId={task.id}
      open={open}
      onClose={onClose}
      afterClose={afterClose}
      title={t('dialogs.resolveBlocker.title')}
      okText={t('dialogs.resolveBlocker.ok')}
      success={t('dialogs.resolveBlocker.success')}
      fieldNames={['blockerId', 'resolution']}
      initialValues={{ blockerId: blockerId ?? (openBlockers.length === 1 ? openBlockers[0].id : undefined) }}
      toInput={(fields) => ({ action: 'resolveBlocker', blockerId: fields.blockerId, body: { resolution: fields.resolution.trim() } })}
    >
      <Form.Item name="blockerId" label={blockerLabel} rules={[{ required: true, message: t('dialogs.required', { field: blockerLabel }) }]}>
        <Select options={openBlockers.map((blocker) => ({ value: blocker.id, label: label(blocker) }))} />
      </Form.Item>
      <Form.Item name="resolution" label={resolutionLabel} rules={[required(resolutionLabel)]}>
        {textArea(TEXT_MAX)}
      </Form.Item>
    </ActionDialog>
  );
}

interface DecideFields extends BlockerDecisionValues {
  blockerId: string;
}

/** The decision's fields for the chosen blocker (only an open one can be ended). */
function DecisionFields({ task }: { task: TaskDetail }) {
  const chosen = Form.useWatch<string | undefined>('blockerId');
  return <BlockerDecisionFields open={task.blockers.find((b) => b.id === chosen)?.status === 'OPEN'} />;
}

/** A leader over both units decides, once: an objective cause or not, ended or not, with a comment. */
export function DecideBlockerDialog({ task, blockerId, open, onClose, afterClose }: BlockerDialogProps) {
  const { t } = useTranslation('tasks');
  const label = useBlockerLabel();
  const undecided = task.blockers.filter((blocker) => blocker.decidedAt === null);
  const blockerLabel = t('dialogs.decideBlocker.blocker');
  const isOpen = (id: string) => task.blockers.find((b) => b.id === id)?.status === 'OPEN';
  return (
    <ActionDialog<DecideFields>
      taskId={task.id}
      open={open}
      onClose={onClose}
      afterClose={afterClose}
      title={t('dialogs.decideBlocker.title')}
      okText={t('dialogs.decideBlocker.ok')}
      success={t('dialogs.decideBlocker.success')}
      intro={<Typography.Paragraph>{t('dialogs.decideBlocker.intro')}</Typography.Paragraph>}
      fieldNames={['blockerId', ...BLOCKER_DECISION_FIELDS]}
      initialValues={{ blockerId: blockerId ?? (undecided.length === 1 ? undecided[0].id : undefined), end: false }}
      toInput={(fields) => ({ action: 'decideBlocker', blockerId: fields.blockerId, body: blockerDecisionBody(fields, isOpen(fields.blockerId)) })}
    >
      <Form.Item name="blockerId" label={blockerLabel} rules={[{ required: true, message: t('dialogs.required', { field: blockerLabel }) }]}>
        <Select options={undecided.map((blocker) => ({ value: blocker.id, label: label(blocker) }))} />
      </Form.Item>
      <DecisionFields task={task} />
    </ActionDialog>
  );
}
