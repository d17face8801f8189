import { Alert, Button, Form, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { showApiErrors } from '@/lib/form-errors';
import { useFragmentToken } from '@/lib/fragment-token';
import { resetPassword } from '../api/passwords';
import { LinkButton } from '@/components/link-button';
import { NewPasswordFields } from '../components/new-password-fields';
import type { SignInState } from '../utils/notice';

interface Fields {
  newPassword: string;
  confirmPassword: string;
}

/**
 * The page of an invitation or reset link (`/set-password#token=…`): choose a password. The token
 * is read from the fragment and removed from the address bar at once; it is sent only in the
 * API call's body. Setting a password ends every session of the account, so the person signs in
 * with the new one.
 */
export function Component() {
  const { t } = useTranslation('auth');
  const token = useFragmentToken();
  const { status, signOut } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Fields>();
  const [problem, setProblem] = useState<string | null>(null);
  const [unusable, setUnusable] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!token) return <LinkProblem kind="missing" />;
  if (unusable) return <LinkProblem kind="unusable" />;

  const submit = async ({ newPassword }: Fields) => {
    setBusy(true);
    setProblem(null);
    try {
      await resetPassword(token, newPassword);
      // A session this browser holds does not outlive the new password (the API ended the account's sessions).
      if (status === 'signedIn') await signOut();
      await navigate('/sign-in', { replace: true, state: { notice: 'passwordSet' } satisfies SignInState });
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.some((e) => e.field === 'token')) setUnusable(true);
      else setProblem(showApiErrors(form, error, ['newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 style={{ fontSize: 24, marginTop: 0 }}>{t('setPassword.title')}</h1>
      <Typography.Paragraph>{t('setPassword.intro')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(fields) => void submit(fields)} requiredMark={false}>
        <NewPasswordFields autoFocus />
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('setPassword.submit')}
        </Button>
      </Form>
    </>
  );
}

/** A link without its token, or one that can no longer be used: what happened and what to do. */
function LinkProblem({ kind }: { kind: 'missing' | 'unusable' }) {
  const { t } = useTranslation('auth');
  return (
    <Result
      style={{ paddingInline: 0 }}
      status="warning"
      title={<h1 style={{ fontSize: 22, margin: 0 }}>{t(`setPassword.${kind}.title`)}</h1>}
      subTitle={t(`setPassword.${kind}.text`)}
      extra={[
        <LinkButton key="new" type="primary" to="/forgot-password">
          {t('setPassword.requestNew')}
        </LinkButton>,
        <Link key="sign-in" to="/sign-in">
          {t('setPassword.toSignIn')}
        </Link>,
      ]}
    />
  );
}
