import type { Dayjs } from 'dayjs';
import { dayjs, inVietnam, TIME_ZONE } from '@/lib/format';

/**
 * The date pickers show Vietnam's wall-clock time whatever the device's time zone: a picker's
 * value is that wall-clock time, read and sent as Asia/Ho_Chi_Minh.
 */
export function toPickerValue(value: string | Date): Dayjs {
  return dayjs(inVietnam(value).format('YYYY-MM-DDTHH:mm'));
}

/** The picked wall-clock time as an ISO time in Vietnam: 2027-01-31T17:00:00+07:00. */
export function fromPickerValue(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm'), TIME_ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** `days` after the later of now and `from`, at 17:00 in Vietnam (the end of a working day), as a picker value. */
export function pickerDefault(days: number, from?: string): Dayjs {
  const start = from && Date.parse(from) > Date.now() ? inVietnam(from) : inVietnam(new Date());
  return dayjs(start.add(days, 'day').format('YYYY-MM-DD')).hour(17).minute(0);
}

/** Days before `from` (a Vietnam calendar day) cannot be picked. */
export function beforeDay(from: string | Date) {
  const first = dayjs(inVietnam(from).format('YYYY-MM-DD'));
  return (current: Dayjs) => current.isBefore(first, 'day');
}
