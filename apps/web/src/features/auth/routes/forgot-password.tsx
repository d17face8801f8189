import { MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { showApiErrors } from '@/lib/form-errors';
import { forgotPassword } from '../api/passwords';

interface Fields {
  email: string;
}

/**
 * "Forgot your password?": asks for a reset link. The answer is the same whether or not an account
 * uses the email (the API never says), so the page only says where to look.
 */
export function Component() {
  const { t } = useTranslation('auth');
  const [form] = Form.useForm<Fields>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ email }: Fields) => {
    setBusy(true);
    setProblem(null);
    try {
      await forgotPassword(email.trim());
      setSentTo(email.trim());
    } catch (error) {
      setProblem(showApiErrors(form, error, ['email']));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <Result
        style={{ paddingInline: 0 }}
        status="info"
        icon={<MailOutlined />}
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('forgot.sentTitle')}</h1>}
        subTitle={
          <>
            <Typography.Paragraph type="secondary">{t('forgot.sentText', { email: sentTo })}</Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('forgot.sentHint')}
            </Typography.Paragraph>
          </>
        }
        extra={<Link to="/sign-in">{t('forgot.back')}</Link>}
      />
    );
  }

  return (
    <>
      <h1 style={{ fontSize: 24, marginTop: 0 }}>{t('forgot.title')}</h1>
      <Typography.Paragraph>{t('forgot.intro')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(fields) => void submit(fields)} requiredMark={false}>
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[
            { required: true, message: t('signIn.emailRequired') },
            { type: 'email', message: t('forgot.emailInvalid') },
          ]}
        >
          <Input type="email" autoComplete="username" inputMode="email" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('forgot.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </Typography.Paragraph>
    </>
  );
}
