import { Card, Descriptions, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@/lib/auth';

/** Who the signed-in person is to dondoc: name, email, unit, roles (HEAD while they head their unit). */
export function ProfileCard({ user }: { user: User }) {
  const { t, i18n } = useTranslation('auth');
  const unit = user.unit;
  const unitName = unit ? (i18n.language === 'en' && unit.nameEn ? unit.nameEn : unit.nameVi) : null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.profile')}</h2>}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('account.name'), children: user.name },
          { key: 'email', label: t('fields.email'), children: user.email },
          { key: 'unit', label: t('account.unit'), children: unit ? `${unitName} (${unit.code})` : t('account.noUnit') },
          {
            key: 'roles',
            label: t('account.roles'),
            children: (
              <Flex wrap gap={4}>
                {user.roles.map((role) => (
                  <Tag key={role}>{t(`roles.${role}`)}</Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
