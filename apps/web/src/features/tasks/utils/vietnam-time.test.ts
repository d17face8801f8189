import { describe, expect, it } from 'vitest';
import { dayjs } from '@/lib/format';
import { fromPickerValue, toPickerValue } from './vietnam-time';

describe('date pickers in Vietnam time', () => {
  it('shows a time as Vietnam wall-clock time and sends the picked wall-clock time as +07:00, whatever the device zone', () => {
    const picked = toPickerValue('2026-12-31T10:00:00Z');
    expect(picked.format('DD/MM/YYYY HH:mm')).toBe('31/12/2026 17:00');
    expect(fromPickerValue(picked)).toBe('2026-12-31T17:00:00+07:00');
    expect(fromPickerValue(dayjs('2027-01-01T00:30'))).toBe('2027-01-01T00:30:00+07:00');
  });
});
