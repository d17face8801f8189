import { describe, expect, it } from 'vitest';
import { dayjs } from '@/lib/format';
import { vietnamInstant } from './vietnam-time';

describe('vietnamInstant', () => {
  it('reads the picked wall time as Vietnam time, whatever the device’s zone', () => {
    expect(vietnamInstant(dayjs('2027-01-31T17:00'))).toBe('2027-01-31T10:00:00.000Z');
    expect(vietnamInstant(dayjs('2027-01-01T06:30'))).toBe('2026-12-31T23:30:00.000Z');
  });
});
