import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@/lib/auth';
import type { Language } from '@/lib/i18n';

/** Tiếng Việt / English; saved to the user when signed in. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useAuth();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(value) => void setLanguage(value)}
      options={[
        { value: 'vi', label: 'VI', title: 'Tiếng Việt' },
        { value: 'en', label: 'EN', title: 'English' },
      ]}
      style={dark ? { background: 'rgba(255,255,255,0.85)' } : undefined}
    />
  );
}
