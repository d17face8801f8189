import { Alert, App, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, idempotencyKey } from '@/lib/api-client';
import { showApiErrors } from '@/lib/form-errors';
import { useTaskAction, type ActionInput } from '../api/use-task-action';

export interface ActionDialogProps<Fields> {
  taskId: string;
  title: string;
  okText: string;
  /** Shown once the action is done. */
  success: string;
  danger?: boolean;
  intro?: ReactNode;
  /** The form's fields the API may name in its errors. */
  fieldNames: readonly string[];
  initialValues?: Partial<Fields>;
  toInput: (fields: Fields) => ActionInput;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
  children?: ReactNode;
}

interface Problem {
  message: string;
  requestId?: string;
}

/**
 * One action's dialog: a form sent with one idempotency key per opening (the dialog is mounted
 * each time it opens; a retry after an error reuses the key). Field errors go next to their
 * fields; a refusal (409) or any other error stays in the dialog; success closes it and says so.
 */
export function ActionDialog<Fields extends object>({
  taskId,
  title,
  okText,
  success,
  danger,
  intro,
  fieldNames,
  initialValues,
  toInput,
  open,
  onClose,
  afterClose,
  children,
}: ActionDialogProps<Fields>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [key] = useState(idempotencyKey);
  const [problem, setProblem] = useState<Problem | null>(null);
  const action = useTaskAction(taskId);

  const submit = async (fields: Fields) => {
    setProblem(null);
    try {
      await action.mutateAsync({ input: toInput(fields), key });
      void message.success(success);
      onClose();
    } catch (error) {
      const text = showApiErrors(form, error, fieldNames);
      const requestId = error instanceof ApiError && error.status >= 500 ? error.problem.requestId : undefined;
      if (text) setProblem({ message: text, requestId });
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('actions.close')}
      okButtonProps={{ danger }}
      confirmLoading={action.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={afterClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {intro}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem.message}
          description={problem.requestId ? t('error.requestId', { requestId: problem.requestId }) : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Fields> form={form} layout="vertical" initialValues={initialValues} onFinish={(fields) => void submit(fields)} requiredMark={false}>
        {children}
      </Form>
    </Modal>
  );
}
