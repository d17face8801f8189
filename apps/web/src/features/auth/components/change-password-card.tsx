import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showApiErrors } from '@/lib/form-errors';
import { changePassword } from '../api/passwords';
import { NewPasswordFields } from './new-password-fields';

interface Fields {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change your password (the current one is required); your other sessions end, this one stays. */
export function ChangePasswordCard() {
  const { t } = useTranslation('auth');
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Fields) => {
    setBusy(true);
    setProblem(null);
    try {
      await changePassword(currentPassword, newPassword);
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    } catch (error) {
      setProblem(showApiErrors(form, error, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.password')}</h2>}>
      <Alert type="info" showIcon title={t('account.passwordNote')} style={{ marginBottom: 16 }} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(fields) => void submit(fields)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('fields.currentPassword')} rules={[{ required: true, message: t('account.currentRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('account.passwordSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
