import { WorkingCalendar } from '@dondoc/calendar';
import { reminderTimesFor, templateTiming, timingRules, workingDayDue, workingDaysBefore } from './working-day-terms';

const at = (text: string) => Date.parse(text);

describe(templateTiming.name, () => {
  it('stores working days beside seconds and shows them back as they were written', () => {
    const timing = templateTiming('10wd', ['3wd', '7d', '1WD', '0', '36h']);
    expect(timing).toEqual({ defaultDuration: 14 * 86_400, defaultWorkingDays: 10, reminderOffsets: [604_800, 129_600, 0], reminderWorkingDays: [3, 1] });
    expect(timingRules(timing)).toEqual({ defaultDuration: '10wd', reminders: ['3wd', '1wd', '7d', '1d12h', '0'] });
  });

  it('keeps a version without working days in its former shape', () => {
    const timing = templateTiming('P90D', ['7d', '72h', '0wd']);
    expect(timing).toEqual({ defaultDuration: 90 * 86_400, reminderOffsets: [604_800, 259_200, 0] });
    expect(timingRules(timing)).toEqual({ defaultDuration: '90d', reminders: ['7d', '3d', '0'] });
    // A version stored before working days existed reads the same.
    expect(timingRules({ defaultDuration: 3_600, reminderOffsets: [1_800] })).toEqual({ defaultDuration: '1h', reminders: ['30m'] });
  });
});

describe(workingDayDue.name, () => {
  const calendar = new WorkingCalendar([]);

  it('counts from the day after and ends at 17:00 of the last working day, across Tết 2026 (Civil Code 147–148)', () => {
    const due = workingDayDue(calendar, { from: '2026-02-12T10:00:00+07:00', workingDays: 3, reminderWorkingDays: [1, 2] });
    expect(due.dueAt).toBe(new Date(at('2026-02-24T17:00:00+07:00')).toISOString());
    expect(due.reminderTimes).toEqual([
      { key: '2wd', at: at('2026-02-13T17:00:00+07:00') },
      { key: '1wd', at: at('2026-02-23T17:00:00+07:00') },
    ]);
  });

  it('follows an override: a working day made a holiday moves the due time by one working day', () => {
    const holiday = new WorkingCalendar([{ date: '2026-03-10', kind: 'HOLIDAY', document: null, note: null }]);
    expect(workingDayDue(calendar, { from: '2026-03-06T09:00:00+07:00', workingDays: 5, reminderWorkingDays: [] }).dueAt).toBe(new Date(at('2026-03-13T17:00:00+07:00')).toISOString());
    expect(workingDayDue(holiday, { from: '2026-03-06T09:00:00+07:00', workingDays: 5, reminderWorkingDays: [] }).dueAt).toBe(new Date(at('2026-03-16T17:00:00+07:00')).toISOString());
  });
});

describe(workingDaysBefore.name, () => {
  const calendar = new WorkingCalendar([]);

  it('keeps the time of day of the due time, skips days off and weekends', () => {
    expect(workingDaysBefore(calendar, at('2026-03-09T10:30:00+07:00'), 1)).toBe(at('2026-03-06T10:30:00+07:00'));
    expect(workingDaysBefore(calendar, at('2026-03-09T10:30:00+07:00'), 0)).toBe(at('2026-03-09T10:30:00+07:00'));
    // A due time on a Sunday: one working day before is the Friday.
    expect(workingDaysBefore(calendar, at('2026-03-08T23:30:00+07:00'), 1)).toBe(at('2026-03-06T23:30:00+07:00'));
  });

  it('gives each reminder once, keyed by its working days', () => {
    expect(reminderTimesFor(calendar, at('2026-03-13T17:00:00+07:00'), [1, 1, 0, 5]).map((r) => r.key)).toEqual(['5wd', '1wd']);
  });
});
