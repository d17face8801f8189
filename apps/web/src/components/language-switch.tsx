import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@/lib/auth';
import { LANGUAGES } from '@/lib/i18n';

const NAMES = { vi: 'Tiếng Việt', en: 'English' } as const;

/** Tiếng Việt / English; saved to the user when signed in. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useAuth();
  const current = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Space.Compact role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <Button
          key={language}
          size="small"
          lang={language}
          title={NAMES[language]}
          aria-label={NAMES[language]}
          aria-pressed={current === language}
          type={current === language ? 'primary' : 'default'}
          ghost={dark && current !== language}
          onClick={() => void setLanguage(language)}
        >
          {language.toUpperCase()}
        </Button>
      ))}
    </Space.Compact>
  );
}
