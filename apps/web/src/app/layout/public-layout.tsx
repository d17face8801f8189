import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';

/**
 * Pages a signed-out person sees: sign-in, password links, the acknowledgement link. Plain
 * landmarks rather than antd's Layout, which would add its Sider to the sign-in page's budget.
 */
export function PublicLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: token.colorBgLayout }}>
      <header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, padding: '12px 16px', background: '#001529' }}
      >
        <strong style={{ color: '#fff', fontSize: 'clamp(15px, 4.4vw, 18px)', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {t('appName')}
        </strong>
        <LanguageSwitch dark />
      </header>
      <div style={{ flex: 1, padding: 16, display: 'flex', justifyContent: 'center' }}>
        <main style={{ width: '100%', maxWidth: 440, marginTop: 24, padding: 24, background: token.colorBgContainer, borderRadius: token.borderRadiusLG, alignSelf: 'flex-start' }}>
          <Outlet />
        </main>
      </div>
      <footer style={{ textAlign: 'center', padding: '24px 16px', color: token.colorTextSecondary }}>{t('footer')}</footer>
    </div>
  );
}
