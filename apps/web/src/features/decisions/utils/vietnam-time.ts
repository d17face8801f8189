import { dayjs, TIME_ZONE } from '@/lib/format';

/** The wall time picked on the device (a DatePicker's value), read as that time in Vietnam. */
export function vietnamInstant(value: dayjs.Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:00'), TIME_ZONE).toISOString();
}
