import { BarChartOutlined, BellOutlined, CheckSquareOutlined, InboxOutlined, LogoutOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Flex, Grid, Layout, Menu, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { useDecisionCount } from '@/features/decisions/api/use-decision-count';
import { useUnreadCount } from '@/features/inbox/api/use-unread-count';
import { useAuth } from '@/lib/auth';

/** Counts in white with the theme's red: readable on the dark header and on the selected (red) item. */
const BADGE = { backgroundColor: '#fff', color: '#b71c1c', boxShadow: '0 0 0 1px #b71c1c' };

/** The signed-in frame: the menu (with what waits for the user), the language, the account. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut, hasRole } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const decisions = useDecisionCount();
  const screens = Grid.useBreakpoint();
  const section = '/' + (location.pathname.split('/')[1] ?? '');

  const sections = [
    { to: '/tasks', icon: <CheckSquareOutlined />, label: t('nav.tasks'), count: 0, countLabel: '' },
    { to: '/decisions', icon: <InboxOutlined />, label: t('nav.decisions'), count: decisions, countLabel: t('nav.decisionsCount', { count: decisions }) },
    { to: '/overview', icon: <BarChartOutlined />, label: t('nav.overview'), count: 0, countLabel: '' },
    // The scorecards are read by heads, leaders, auditors and administrators (the API refuses officers).
    ...(hasRole('HEAD', 'LEADER', 'AUDITOR', 'ADMIN') ? [{ to: '/scorecards', icon: <TrophyOutlined />, label: t('nav.scorecards'), count: 0, countLabel: '' }] : []),
  ];
  const items = sections.map((item) => ({
    key: item.to,
    icon: item.icon,
    label: (
      <Link to={item.to}>
        {item.label} {item.count > 0 && <Badge count={item.count} size="small" style={BADGE} aria-label={item.countLabel} />}
      </Link>
    ),
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: screens.md ? 24 : 8 }}>
        <Link to="/tasks" aria-label={t('appName')}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            {screens.sm ? t('appName') : 'dondoc'}
          </Typography.Text>
        </Link>
        <nav aria-label={t('nav.label')} style={{ flex: 1, minWidth: 0 }}>
          {screens.md ? (
            <Menu theme="dark" mode="horizontal" selectedKeys={[section]} items={items} style={{ minWidth: 0 }} />
          ) : (
            // On a phone the menu would fold into "…" with hidden focusable links: icons with names instead.
            <Flex gap={4}>
              {sections.map((item) => (
                <Link
                  key={item.to}
                  to={item.to}
                  title={item.label}
                  aria-label={item.count > 0 ? `${item.label}: ${item.countLabel}` : item.label}
                  aria-current={section === item.to ? 'page' : undefined}
                  style={{ color: '#fff', fontSize: 20, lineHeight: 1, padding: '6px 10px', borderRadius: 6, background: section === item.to ? 'rgba(255,255,255,0.2)' : undefined }}
                >
                  <Badge count={item.count} size="small" style={BADGE} offset={[4, -2]}>
                    <span style={{ color: '#fff' }}>{item.icon}</span>
                  </Badge>
                </Link>
              ))}
            </Flex>
          )}
        </nav>
        <Flex align="center" gap={screens.md ? 20 : 10}>
          <Link to="/inbox" aria-label={t('nav.inboxCount', { count: unread })} aria-current={section === '/inbox' ? 'page' : undefined}>
            <Badge count={unread} size="small" style={BADGE}>
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
