import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '@/lib/auth';

/** Sign out here, or everywhere (every session of the account, after a confirmation). */
export function SessionsCard() {
  const { t } = useTranslation('auth');
  const { signOut } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const leave = async (everywhere: boolean) => {
    setBusy(true);
    await signOut(everywhere);
    await navigate('/sign-in', { replace: true });
  };

  const confirmEverywhere = () => {
    modal.confirm({
      title: t('account.signOutAllConfirm'),
      content: t('account.signOutAllText'),
      okText: t('account.signOutAllOk'),
      okButtonProps: { danger: true },
      cancelText: t('account.cancel'),
      onOk: () => leave(true),
    });
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.sessions')}</h2>}>
      <p style={{ marginTop: 0 }}>{t('account.sessionsHelp')}</p>
      <Flex wrap gap={8}>
        <Button icon={<LogoutOutlined />} loading={busy} onClick={() => void leave(false)}>
          {t('account.signOut')}
        </Button>
        <Button danger disabled={busy} onClick={confirmEverywhere}>
          {t('account.signOutAll')}
        </Button>
      </Flex>
    </Card>
  );
}
