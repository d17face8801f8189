import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { showApiErrors } from '@/lib/form-errors';

interface Problem {
  message: string;
  requestId?: string;
}

/**
 * A dialog around a form sent once: the API's field errors go next to their fields, a refusal
 * (403, 409…) stays in the dialog in the API's words; success closes it.
 */
export function FormDialog<Fields extends object>({
  title,
  okText,
  open,
  onClose,
  fieldNames,
  send,
  pending,
  initialValues,
  children,
}: {
  title: string;
  okText: string;
  open: boolean;
  onClose: () => void;
  fieldNames: readonly string[];
  send: (fields: Fields) => Promise<unknown>;
  pending: boolean;
  initialValues?: Partial<Fields>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Fields>();
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (fields: Fields) => {
    setProblem(null);
    try {
      await send(fields);
      onClose();
    } catch (error) {
      const text = showApiErrors(form as FormInstance, error, fieldNames);
      if (text) setProblem({ message: text, requestId: error instanceof ApiError && error.status >= 500 ? error.problem.requestId : undefined });
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('actions.close')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => {
        setProblem(null);
        form.resetFields();
      }}
      mask={{ closable: false }}
      destroyOnHidden
    >
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
