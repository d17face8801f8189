import { App, Card, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@/lib/auth';
import type { Language } from '@/lib/i18n';

/** The language of the app and of dondoc's emails, saved to the user. */
export function LanguageCard() {
  const { t, i18n } = useTranslation('auth');
  const { setLanguage } = useAuth();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const current: Language = i18n.language === 'en' ? 'en' : 'vi';

  const change = async (language: Language) => {
    setSaving(true);
    try {
      await setLanguage(language);
      void message.success(t('account.languageSaved'));
    } catch (error) {
      void message.error(t('account.languageFailed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.language')}</h2>}>
      <p id="account-language-help" style={{ marginTop: 0 }}>
        {t('account.languageHelp')}
      </p>
      <Radio.Group
        aria-label={t('account.language')}
        aria-describedby="account-language-help"
        value={current}
        disabled={saving}
        optionType="button"
        buttonStyle="solid"
        onChange={(event) => void change(event.target.value as Language)}
        options={[
          { value: 'vi', label: 'Tiếng Việt' },
          { value: 'en', label: 'English' },
        ]}
      />
    </Card>
  );
}
