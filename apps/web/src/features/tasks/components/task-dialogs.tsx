import { DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { pendingOf, type TaskDetail } from '../api/types';
import type { DialogAction } from '../api/use-task-action';
import { beforeDay, fromPickerValue, pickerDefault } from '../utils/vietnam-time';
import { ActionDialog } from './action-dialog';
import { DecideBlockerDialog, DeclareBlockerDialog, ResolveBlockerDialog } from './blocker-dialogs';
import { ExtensionDialog } from './extension-dialog';

const TEXT_MAX = 4_000;
const ANSWER_MAX = 10_000;
const PICKER_FORMAT = 'DD/MM/YYYY HH:mm';

export interface TaskDialogProps {
  action: DialogAction;
  task: TaskDetail;
  /** answerExplanation: the request chosen first; resolveBlocker, decideBlocker: the blocker. */
  requestId?: string;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
}

/** The dialog of one action of the task's page. */
export function TaskDialog({ action, task, requestId, open, onClose, afterClose }: TaskDialogProps) {
  const { t } = useTranslation('tasks');
  const common = { open, onClose, afterClose };
  const withTask = { taskId: task.id, ...common };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('dialogs.required', { field }) });
  const textArea = (max: number) => <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={max} showCount />;

  switch (action) {
    case 'acknowledge':
      return (
        <ActionDialog<object>
          {...withTask}
          title={t('dialogs.acknowledge.title')}
          okText={t('dialogs.acknowledge.ok')}
          success={t('dialogs.acknowledge.success')}
          intro={<Typography.Paragraph>{t('dialogs.acknowledge.intro', { title: task.title })}</Typography.Paragraph>}
          fieldNames={[]}
          toInput={() => ({ action: 'acknowledge' })}
        />
      );
    case 'progress': {
      const percentLabel = t('dialogs.progress.percent');
      const noteLabel = t('dialogs.progress.note');
      return (
        <ActionDialog<{ percent: number; note: string }>
          {...withTask}
          title={t('dialogs.progress.title')}
          okText={t('dialogs.progress.ok')}
          success={t('dialogs.progress.success')}
          fieldNames={['percent', 'note']}
          initialValues={{ percent: task.progressPercent ?? 0 }}
          toInput={(fields) => ({ action: 'progress', body: { percent: fields.percent, note: fields.note.trim() } })}
        >
          <Form.Item name="percent" label={percentLabel} rules={[{ required: true, message: t('dialogs.required', { field: percentLabel }) }]}>
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={noteLabel} rules={[required(noteLabel)]}>
            {textArea(TEXT_MAX)}
          </Form.Item>
        </ActionDialog>
      );
    }
    case 'requestExtension':
      return <ExtensionDialog task={task} {...common} />;
    case 'declareBlocker':
      return <DeclareBlockerDialog task={task} {...common} />;
    case 'resolveBlocker':
      return <ResolveBlockerDialog task={task} blockerId={requestId} {...common} />;
    case 'decideBlocker':
      return <DecideBlockerDialog task={task} blockerId={requestId} {...common} />;
    case 'answerExplanation': {
      const requests = pendingOf(task).explanations;
      const requestLabel = t('dialogs.answerExplanation.request');
      const answerLabel = t('dialogs.answerExplanation.answer');
      return (
        <ActionDialog<{ requestId: string; answer: string }>
          {...withTask}
          title={t('dialogs.answerExplanation.title')}
          okText={t('dialogs.answerExplanation.ok')}
          success={t('dialogs.answerExplanation.success')}
          fieldNames={['requestId', 'answer']}
          initialValues={{ requestId: requestId ?? (requests.length === 1 ? requests[0].id : undefined) }}
          toInput={(fields) => ({ action: 'answerExplanation', requestId: fields.requestId, body: { answer: fields.answer.trim() } })}
        >
          <Form.Item name="requestId" label={requestLabel} rules={[{ required: true, message: t('dialogs.required', { field: requestLabel }) }]}>
            <Select
              options={requests.map((request) => ({
                value: request.id,
                label: t('dialogs.answerExplanation.option', { question: request.question, deadline: formatDateTime(request.deadline) }),
              }))}
            />
          </Form.Item>
          <Form.Item name="answer" label={answerLabel} rules={[required(answerLabel)]}>
            {textArea(ANSWER_MAX)}
          </Form.Item>
        </ActionDialog>
      );
    }
    case 'requestExplanation': {
      const questionLabel = t('dialogs.requestExplanation.question');
      const deadlineLabel = t('dialogs.requestExplanation.deadline');
      return (
        <ActionDialog<{ question: string; deadline: Dayjs }>
          {...withTask}
          title={t('dialogs.requestExplanation.title')}
          okText={t('dialogs.requestExplanation.ok')}
          success={t('dialogs.requestExplanation.success')}
          fieldNames={['question', 'deadline']}
          initialValues={{ deadline: pickerDefault(5) }}
          toInput={(fields) => ({ action: 'requestExplanation', body: { question: fields.question.trim(), deadline: fromPickerValue(fields.deadline) } })}
        >
          <Form.Item name="question" label={questionLabel} rules={[required(questionLabel)]}>
            {textArea(TEXT_MAX)}
          </Form.Item>
          <Form.Item name="deadline" label={deadlineLabel} extra={t('dialogs.timeZone')} rules={[{ required: true, message: t('dialogs.required', { field: deadlineLabel }) }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={PICKER_FORMAT} disabledDate={beforeDay(new Date())} style={{ width: '100%' }} />
          </Form.Item>
        </ActionDialog>
      );
    }
    case 'raiseBeyondAuthority':
    case 'cancel':
    case 'closeAfterCare': {
      const reasonLabel = t(`dialogs.${action}.reason`);
      return (
        <ActionDialog<{ reason: string }>
          {...withTask}
          title={t(`dialogs.${action}.title`)}
          okText={t(`dialogs.${action}.ok`)}
          success={t(`dialogs.${action}.success`)}
          danger={action === 'cancel'}
          intro={<Typography.Paragraph>{t(`dialogs.${action}.intro`)}</Typography.Paragraph>}
          fieldNames={['reason']}
          toInput={(fields) => ({ action, body: { reason: fields.reason.trim() } })}
        >
          <Form.Item name="reason" label={reasonLabel} rules={[required(reasonLabel)]}>
            {textArea(TEXT_MAX)}
          </Form.Item>
        </ActionDialog>
      );
    }
  }
}
