import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n from './i18n';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** Every time is shown in Vietnam's time zone, whatever the device says. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const locale = (): string => (i18n.language === 'en' ? 'en' : 'vi');

// antd's date pickers use dayjs's global locale: follow the page's language.
dayjs.locale(locale());
i18n.on('languageChanged', () => dayjs.locale(locale()));

export function inVietnam(value: string | Date): dayjs.Dayjs {
  return dayjs(value).tz(TIME_ZONE).locale(locale());
}

/** 30/11/2026 17:00 */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? inVietnam(value).format('DD/MM/YYYY HH:mm') : '—';
}

/** 30/11/2026 */
export function formatDate(value: string | Date | null | undefined): string {
  return value ? inVietnam(value).format('DD/MM/YYYY') : '—';
}

/** "3 ngày trước" / "in 2 days" */
export function formatRelative(value: string | Date | null | undefined): string {
  return value ? inVietnam(value).fromNow() : '';
}

/** 1.234,5 in Vietnamese, 1,234.5 in English. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

export { dayjs };
