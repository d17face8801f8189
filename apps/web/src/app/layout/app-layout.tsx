import { BellOutlined, CheckSquareOutlined, InboxOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Flex, Grid, Layout, Menu, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { useDecisionCount } from '@/features/decisions/api/use-decision-count';
import { useUnreadCount } from '@/features/inbox/api/use-unread-count';
import { useAuth } from '@/lib/auth';

/** The signed-in frame: the menu (with what waits for the user), the language, the account. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const decisions = useDecisionCount();
  const screens = Grid.useBreakpoint();
  const section = '/' + (location.pathname.split('/')[1] ?? '');

  const items = [
    { key: '/tasks', icon: <CheckSquareOutlined />, label: <Link to="/tasks">{t('nav.tasks')}</Link> },
    {
      key: '/decisions',
      icon: <InboxOutlined />,
      label: (
        <Link to="/decisions">
          {t('nav.decisions')} <Badge count={decisions} size="small" aria-label={t('nav.decisionsCount', { count: decisions })} />
        </Link>
      ),
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: screens.md ? 24 : 8 }}>
        <Link to="/tasks" aria-label={t('appName')}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            {screens.sm ? t('appName') : 'dondoc'}
          </Typography.Text>
        </Link>
        <nav aria-label={t('nav.label')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={[section]} items={items} style={{ minWidth: 0 }} />
        </nav>
        <Flex align="center" gap={8}>
          <Link to="/inbox" aria-label={t('nav.inboxCount', { count: unread })}>
            <Badge count={unread} size="small">
              <BellOutlined style={{ color: '#fff', fontSize: 20 }} />
            </Badge>
          </Link>
          {screens.md && <LanguageSwitch dark />}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'name', label: user?.name ?? '', disabled: true },
                { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
                { key: 'signOut', icon: <LogoutOutlined />, label: t('nav.signOut') },
              ],
              onClick: ({ key }) => {
                if (key === 'account') void navigate('/account');
                if (key === 'signOut') void signOut().then(() => navigate('/sign-in'));
              },
            }}
          >
            <Button shape="circle" icon={<UserOutlined />} aria-label={t('nav.accountMenu')} />
          </Dropdown>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: screens.md ? 24 : 8 }}>
        <main style={{ maxWidth: 1280, margin: '0 auto' }}>
          <Outlet />
        </main>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>{t('footer')}</Layout.Footer>
    </Layout>
  );
}
