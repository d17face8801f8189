import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { meetsPasswordRule } from '../utils/password-rule';

/**
 * The new password and its confirmation, with the rule stated under the field. Field names:
 * `newPassword` (the API's) and `confirmPassword` (checked here only).
 */
export function NewPasswordFields({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useTranslation('auth');
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('fields.newPassword')}
        extra={t('password.rule')}
        rules={[
          { required: true, message: t('password.required') },
          { validator: (_, value?: string) => (!value || meetsPasswordRule(value) ? Promise.resolve() : Promise.reject(new Error(t('password.weak')))) },
        ]}
      >
        <Input.Password autoComplete="new-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('fields.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value?: string) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
