import { Col, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@/lib/auth';
import { ChangePasswordCard } from '../components/change-password-card';
import { LanguageCard } from '../components/language-card';
import { ProfileCard } from '../components/profile-card';
import { SessionsCard } from '../components/sessions-card';

/** The signed-in person's account: who they are, the language, the password, their sessions. */
export function Component() {
  const { t } = useTranslation('auth');
  const { user } = useAuth();
  if (!user) return null; // the signed-in frame shows its pages only once the user is known
  return (
    <>
      <h1 style={{ fontSize: 24, marginTop: 0 }}>{t('account.title')}</h1>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <ProfileCard user={user} />
            <LanguageCard />
            <SessionsCard />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <ChangePasswordCard />
        </Col>
      </Row>
    </>
  );
}
