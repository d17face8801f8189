import { describe, expect, it } from 'vitest';
import { dayjs } from '@/lib/format';
import { sinceOf } from './blocker-dialogs';

describe(sinceOf.name, () => {
  it('sends the start of the picked day in Vietnam', () => {
    expect(sinceOf(dayjs('2026-11-20'), '2026-11-01T02:00:00.000Z')).toBe('2026-11-20T00:00:00+07:00');
  });

  it('never before the assignment: on the day of the assignment, the assignment instant to the millisecond', () => {
    expect(sinceOf(dayjs('2026-11-30'), '2026-11-30T16:20:24.942Z')).toBe('2026-11-30T16:20:24.942Z');
  });
});
