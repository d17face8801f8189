import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ackEn from '../locales/en/ack.json';
import authEn from '../locales/en/auth.json';
import commonEn from '../locales/en/common.json';
import decisionsEn from '../locales/en/decisions.json';
import evidenceEn from '../locales/en/evidence.json';
import inboxEn from '../locales/en/inbox.json';
import tasksEn from '../locales/en/tasks.json';
import ackVi from '../locales/vi/ack.json';
import authVi from '../locales/vi/auth.json';
import commonVi from '../locales/vi/common.json';
import decisionsVi from '../locales/vi/decisions.json';
import evidenceVi from '../locales/vi/evidence.json';
import inboxVi from '../locales/vi/inbox.json';
import tasksVi from '../locales/vi/tasks.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language chosen on this device before sign-in (not a secret; the user's own is on the server). */
const STORED = 'dondoc.language';

export const resources = {
  vi: { common: commonVi, auth: authVi, tasks: tasksVi, decisions: decisionsVi, inbox: inboxVi, evidence: evidenceVi, ack: ackVi },
  en: { common: commonEn, auth: authEn, tasks: tasksEn, decisions: decisionsEn, inbox: inboxEn, evidence: evidenceEn, ack: ackEn },
} as const;

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORED);
    if (stored === 'en' || stored === 'vi') return stored;
  } catch {
    // storage unavailable: Vietnamese
  }
  return 'vi';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'vi',
  defaultNS: 'common',
  ns: ['common', 'auth', 'tasks', 'decisions', 'inbox', 'evidence', 'ack'],
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
