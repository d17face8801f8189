import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '@/lib/auth';
import { showApiErrors } from '@/lib/form-errors';
import { noticeOf } from '../utils/notice';
import { safeNext } from '../utils/safe-next';

interface Fields {
  email: string;
  password: string;
}

/** Sign in with email and password; then back to the page that asked for it. */
export function Component() {
  const { t } = useTranslation('auth');
  const { signIn, status } = useAuth();
  const [form] = Form.useForm<Fields>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const notice = noticeOf(useLocation().state);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (status === 'signedIn') return <Navigate to={next} replace />;

  const submit = async (fields: Fields) => {
    setBusy(true);
    setProblem(null);
    try {
      await signIn(fields.email.trim(), fields.password);
      await navigate(next, { replace: true });
    } catch (error) {
      setProblem(showApiErrors(form, error, ['email', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 style={{ fontSize: 24, marginTop: 0 }}>{t('signIn.title')}</h1>
      {notice && !problem && <Alert type="success" showIcon title={t(`signIn.${notice}`)} style={{ marginBottom: 16 }} role="status" />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(fields) => void submit(fields)} requiredMark={false}>
        <Form.Item name="email" label={t('fields.email')} rules={[{ required: true, message: t('signIn.emailRequired') }]}>
          <Input type="email" autoComplete="username" inputMode="email" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('signIn.submit')}
        </Button>
      </Form>
      <p style={{ marginTop: 16, marginBottom: 0 }}>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
    </>
  );
}
