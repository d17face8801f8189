import { DatePicker, Form, Input, InputNumber, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { MAX_WORKING_DAYS, useDeadline, useDebounced } from '../api/use-calendar';
import type { TaskDetail } from '../api/types';
import { beforeDay, fromPickerValue, pickerDefault, toPickerValue } from '../utils/vietnam-time';
import { ActionDialog } from './action-dialog';
import { useDayTime } from './task-tags';

const TEXT_MAX = 4_000;
const PICKER_FORMAT = 'DD/MM/YYYY HH:mm';
/** The working days offered first: a working week. */
const DEFAULT_WORKING_DAYS = 5;

interface Fields {
  mode: 'workingDays' | 'date';
  /** Working days to add (sent as `extendBy: "5wd"`). */
  extendBy?: number;
  newDueAt?: Dayjs;
  reason: string;
}

export interface ExtensionDialogProps {
  task: TaskDetail;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
}

/** "Hạn mới: thứ Ba 24/02/2026 17:00": the due time N working days after the current one, as the API counts it. */
function NewDueTime({ from }: { from: string }) {
  const { t } = useTranslation('tasks');
  const dayTime = useDayTime();
  const days = useDebounced(Form.useWatch<number | null | undefined>('extendBy'));
  const deadline = useDeadline(from, days);
  const valid = typeof days === 'number' && days >= 1 && days <= MAX_WORKING_DAYS;
  let text: string | null = null;
  if (valid && deadline.isError) text = t('dialogs.requestExtension.previewFailed', { message: deadline.error.message });
  else if (valid && deadline.data && !deadline.isPlaceholderData) text = t('dialogs.requestExtension.preview', { dueAt: dayTime(deadline.data.dueAt) });
  else if (valid) text = t('dialogs.requestExtension.previewLoading');
  return (
    <Typography.Paragraph strong role="status" aria-live="polite" style={{ margin: '-8px 0 16px' }}>
      {text}
    </Typography.Paragraph>
  );
}

/** The term: working days to add (with the new due time previewed), or a date and time. */
function Term({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('tasks');
  const mode = Form.useWatch<Fields['mode']>('mode');
  if (mode === 'date') {
    const dueLabel = t('dialogs.requestExtension.newDueAt');
    return (
      <Form.Item
        name="newDueAt"
        label={dueLabel}
        extra={t('dialogs.timeZone')}
        rules={[
          { required: true, message: t('dialogs.required', { field: dueLabel }) },
          {
            validator: (_, value?: Dayjs) =>
              !value || value.isAfter(toPickerValue(task.dueAt)) ? Promise.resolve() : Promise.reject(new Error(t('dialogs.requestExtension.later'))),
          },
        ]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format={PICKER_FORMAT} disabledDate={beforeDay(task.dueAt)} style={{ width: '100%' }} />
      </Form.Item>
    );
  }
  const daysLabel = t('dialogs.requestExtension.extendBy');
  return (
    <>
      <Form.Item name="extendBy" label={daysLabel} extra={t('dialogs.requestExtension.extendByHelp')} rules={[{ required: true, message: t('dialogs.required', { field: daysLabel }) }]}>
        <InputNumber min={1} max={MAX_WORKING_DAYS} precision={0} suffix={t('dialogs.requestExtension.extendBySuffix')} style={{ width: '100%' }} />
      </Form.Item>
      <NewDueTime from={task.dueAt} />
    </>
  );
}

/** Asks for an extension: N more working days (`extendBy: "Nwd"`, the new due time previewed) or a new due time. */
export function ExtensionDialog({ task, open, onClose, afterClose }: ExtensionDialogProps) {
  const { t } = useTranslation('tasks');
  const reasonLabel = t('dialogs.requestExtension.reason');
  const modeLabel = t('dialogs.requestExtension.mode');
  return (
    <ActionDialog<Fields>
      taskId={task.id}
      open={open}
      onClose={onClose}
      afterClose={afterClose}
      title={t('dialogs.requestExtension.title')}
      okText={t('dialogs.requestExtension.ok')}
      success={t('dialogs.requestExtension.success')}
      intro={<Typography.Paragraph>{t('dialogs.requestExtension.intro', { dueAt: formatDateTime(task.dueAt) })}</Typography.Paragraph>}
      fieldNames={['extendBy', 'newDueAt', 'reason']}
      initialValues={{ mode: 'workingDays', extendBy: DEFAULT_WORKING_DAYS, newDueAt: pickerDefault(7, task.dueAt) }}
      toInput={(fields) => {
        const reason = fields.reason.trim();
        return fields.mode === 'date'
          ? { action: 'requestExtension', body: { newDueAt: fromPickerValue(fields.newDueAt!), reason } }
          : { action: 'requestExtension', body: { extendBy: `${fields.extendBy}wd`, reason } };
      }}
    >
      <Form.Item name="mode" label={modeLabel}>
        <Radio.Group
          aria-label={modeLabel}
          options={[
            { value: 'workingDays', label: t('dialogs.requestExtension.modeWorkingDays') },
            { value: 'date', label: t('dialogs.requestExtension.modeDate') },
          ]}
        />
      </Form.Item>
      <Term task={task} />
      <Form.Item name="reason" label={reasonLabel} rules={[{ required: true, whitespace: true, message: t('dialogs.required', { field: reasonLabel }) }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={TEXT_MAX} showCount />
      </Form.Item>
    </ActionDialog>
  );
}
