import type { Language } from './language';

/** dondoc's time zone: every date a user reads is shown in Vietnam's time. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatters: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }),
};

/** A date and time as a person reads it, in Vietnam's time zone (e.g. "lúc 07:20 Thứ Hai, 23 tháng 11, 2026"). */
export function formatDateTime(value: Date | string, language: Language): string {
  return `${formatters[language].format(typeof value === 'string' ? new Date(value) : value)} (GMT+7)`;
}
