import { Flex, Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';

/** Pages a signed-out person sees: sign-in, password links, the acknowledgement link. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 16 }}>
        <strong style={{ color: '#fff', fontSize: 18 }}>{t('appName')}</strong>
        <LanguageSwitch dark />
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <Flex justify="center">
          <main style={{ width: '100%', maxWidth: 440, marginTop: 24, padding: 24, background: '#fff', borderRadius: 8 }}>
            <Outlet />
          </main>
        </Flex>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>{t('footer')}</Layout.Footer>
    </Layout>
  );
}
