import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import authEn from '../locales/en/auth.json';
import commonEn from '../locales/en/common.json';
import authVi from '../locales/vi/auth.json';
import commonVi from '../locales/vi/common.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language chosen on this device before sign-in (not a secret; the user's own is on the server). */
const STORED = 'dondoc.language';

/** The texts every visitor needs (the frame and sign-in) travel with the first page… */
const bundled = {
  vi: { common: commonVi, auth: authVi },
  en: { common: commonEn, auth: authEn },
};

/** …the others load with the pages that use them (one small chunk per language and namespace). */
const catalogues = import.meta.glob<{ default: Record<string, unknown> }>(['../locales/*/*.json', '!../locales/*/common.json', '!../locales/*/auth.json']);

export type Namespace = 'common' | 'auth' | 'tasks' | 'evidence' | 'decisions' | 'inbox' | 'ack' | 'reports' | 'scorecards';

/** Loads a page's namespaces (in the current language) before the page renders. */
export function loadTexts(namespaces: Namespace[]): Promise<void> {
  return i18n.loadNamespaces(namespaces);
}

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORED);
    if (stored === 'en' || stored === 'vi') return stored;
  } catch {
    // storage unavailable: Vietnamese
  }
  return 'vi';
}

void i18n
  .use(initReactI18next)
  .use({
    type: 'backend' as const,
    init: () => undefined,
    read(language: string, namespace: string, done: (error: unknown, data: Record<string, unknown> | false) => void) {
      const load = catalogues[`../locales/${language}/${namespace}.json`];
      if (!load) return done(new Error(`no texts ${language}/${namespace}`), false);
      load().then(
        (module) => done(null, module.default),
        (error: unknown) => done(error, false),
      );
    },
  })
  .init({
  resources: bundled,
  partialBundledLanguages: true,
  lng: initialLanguage(),
  fallbackLng: 'vi',
  defaultNS: 'common',
  ns: ['common', 'auth'],
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the language of the page (and remembers it on this device). */
export function changeLanguage(language: Language): Promise<unknown> {
  try {
    window.localStorage.setItem(STORED, language);
  } catch {
    // ignore
  }
  document.documentElement.lang = language;
  return i18n.changeLanguage(language);
}

document.documentElement.lang = i18n.language;

export default i18n;
