import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from '@/lib/auth';
import { queryClient } from '@/lib/query-client';

/**
 * dondoc's one theme: the red of the state's documents, readable at every size. The secondary,
 * tertiary, error and link colours are darker than antd's so every text reaches 4.5:1 (WCAG AA).
 */
const REDUCED_MOTION = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const THEME = {
  token: {
    // People who ask their system for less motion get none.
    motion: !REDUCED_MOTION,
    colorPrimary: '#b71c1c',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorError: '#cf1322',
    colorLink: '#0958d9',
    borderRadius: 6,
    fontFamily: "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif",
  },
};

export function AppProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const update = (lng: string) => setLanguage(lng);
    i18n.on('languageChanged', update);
    return () => i18n.off('languageChanged', update);
  }, [i18n]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : viVN} theme={THEME}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>{children}</AuthProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
