import { dateOfDayNumber, dayNumber, lunarDays, WorkingCalendar, type CalendarOverride } from './working-calendar';

/** The decided 2026 schedule, as seeded by the migration. */
function overrides2026(): CalendarOverride[] {
  const holiday = (date: string): CalendarOverride => ({ date, kind: 'HOLIDAY', document: 'TB 2026', note: null });
  const tet = Array.from({ length: 9 }, (_, i) => holiday(`2026-02-${String(14 + i).padStart(2, '0')}`));
  return [
    holiday('2026-01-01'),
    holiday('2026-01-02'),
    { date: '2026-01-10', kind: 'WORKDAY', document: 'TB 2026', note: 'Làm bù cho thứ Sáu 02/01/2026' },
    ...tet,
    holiday('2026-04-27'),
    holiday('2026-04-30'),
    holiday('2026-05-01'),
  ];
}

const at = (iso: string) => new Date(iso);
const daysOff = (sut: WorkingCalendar, year: number) =>
  sut.year(year).filter((day) => !day.working).map((day) => `${day.date} ${day.reason}`);

describe(WorkingCalendar.name, () => {
  describe('addWorkingDays (Civil Code 2015 Art. 147–148)', () => {
    it('counts from the day after and ends at 17:00 of the last working day, across the decided Tết 2026', () => {
      const sut = new WorkingCalendar(overrides2026());

      const due = sut.addWorkingDays(at('2026-02-12T10:30:00+07:00'), 3);

      expect(due.toISOString()).toBe(new Date('2026-02-24T17:00:00+07:00').toISOString());
    });

    it('counts the same example from late in the evening of the same date to the same end', () => {
      const sut = new WorkingCalendar(overrides2026());

      expect(sut.addWorkingDays(at('2026-02-12T23:59:00+07:00'), 3)).toEqual(at('2026-02-24T17:00:00+07:00'));
      // 16:59:59Z is 23:59:59 in Ha Noi: still Thursday 12 Feb.
      expect(sut.addWorkingDays(at('2026-02-12T16:59:59Z'), 3)).toEqual(at('2026-02-24T17:00:00+07:00'));
      // 17:00Z is already Friday 13 Feb in Ha Noi.
      expect(sut.addWorkingDays(at('2026-02-12T17:00:00Z'), 3)).toEqual(at('2026-02-25T17:00:00+07:00'));
    });

    it('counts 1 working day from a Friday as the next Monday', () => {
      const sut = new WorkingCalendar([]);

      expect(sut.addWorkingDays(at('2027-03-05T09:00:00+07:00'), 1)).toEqual(at('2027-03-08T17:00:00+07:00'));
    });

    it('uses the configured end of day', () => {
      const sut = new WorkingCalendar([], { endOfDay: '16:30' });

      expect(sut.addWorkingDays(at('2027-03-01T09:00:00+07:00'), 2)).toEqual(at('2027-03-03T16:30:00+07:00'));
    });

    it('ends a term of 0 working days at the end of the same working day, or of the next one when it is over or off', () => {
      const sut = new WorkingCalendar(overrides2026());

      expect(sut.addWorkingDays(at('2026-02-12T09:00:00+07:00'), 0)).toEqual(at('2026-02-12T17:00:00+07:00'));
      expect(sut.addWorkingDays(at('2026-02-12T17:00:00+07:00'), 0)).toEqual(at('2026-02-12T17:00:00+07:00'));
      expect(sut.addWorkingDays(at('2026-02-12T18:00:00+07:00'), 0)).toEqual(at('2026-02-13T17:00:00+07:00'));
      expect(sut.addWorkingDays(at('2026-02-14T09:00:00+07:00'), 0)).toEqual(at('2026-02-23T17:00:00+07:00'));
    });

    it('refuses a negative or fractional number of working days', () => {
      const sut = new WorkingCalendar([]);

      expect(() => sut.addWorkingDays(0, -1)).toThrow(RangeError);
      expect(() => sut.addWorkingDays(0, 1.5)).toThrow(RangeError);
    });
  });

  describe('Tết', () => {
    it('2026 as decided: off from Sat 14 to Sun 22 Feb, back on Mon 23 Feb', () => {
      const sut = new WorkingCalendar(overrides2026());

      for (let day = 14; day <= 22; day++) expect(sut.isWorkingDay(`2026-02-${day}`)).toBe(false);
      expect(sut.isWorkingDay('2026-02-13')).toBe(true);
      expect(sut.isWorkingDay('2026-02-23')).toBe(true);
      const tet = sut.year(2026).filter((day) => day.date >= '2026-02-14' && day.date <= '2026-02-22');
      expect(tet).toHaveLength(9);
      expect(tet.every((day) => day.source === 'OVERRIDE' && day.document === 'TB 2026')).toBe(true);
      expect(tet.find((day) => day.date === '2026-02-17')).toMatchObject({ reason: 'TET', name: { vi: 'Tết Nguyên đán (mùng 1)' } });
      expect(tet.find((day) => day.date === '2026-02-14')).toMatchObject({ reason: 'OVERRIDE_HOLIDAY' });
    });

    it('2027 from the rules: mùng 1 is Sat 6 Feb; eve Fri 5 Feb; the Saturday and Sunday are made up on Wed 10 and Thu 11', () => {
      const sut = new WorkingCalendar(overrides2026());

      expect(dateOfDayNumber(lunarDays(2027).tetDay1)).toBe('2027-02-06');
      expect(daysOff(sut, 2027).filter((day) => day.startsWith('2027-02'))).toEqual([
        '2027-02-05 TET',
        '2027-02-08 TET',
        '2027-02-09 TET',
        '2027-02-10 SUBSTITUTE',
        '2027-02-11 SUBSTITUTE',
      ]);
      expect(sut.isWorkingDay('2027-02-12')).toBe(true);
      const substitute = sut.year(2027).find((day) => day.date === '2027-02-10');
      expect(substitute).toMatchObject({ source: 'RULE', name: { vi: 'Nghỉ bù Tết Nguyên đán (mùng 1) (06/02)' } });
    });

    it('2007 follows the Vietnamese lunar calendar (17 Feb), not the Chinese one (18 Feb)', () => {
      const sut = new WorkingCalendar([]);

      expect(dateOfDayNumber(lunarDays(2007).tetDay1)).toBe('2007-02-17');
      // Eve Fri 16; mùng 1 Sat 17, mùng 2 Sun 18, mùng 3–4 Mon 19–Tue 20; Sat and Sun made up on Wed 21 and Thu 22.
      expect(daysOff(sut, 2007).filter((day) => day.startsWith('2007-02'))).toEqual([
        '2007-02-16 TET',
        '2007-02-19 TET',
        '2007-02-20 TET',
        '2007-02-21 SUBSTITUTE',
        '2007-02-22 SUBSTITUTE',
      ]);
    });
  });

  describe('the weekly pattern and overrides', () => {
    it('works on Sat 10 Jan 2026 (make-up day for Fri 2 Jan) and lists both', () => {
      const sut = new WorkingCalendar(overrides2026());

      expect(sut.isWorkingDay('2026-01-10')).toBe(true);
      expect(sut.isWorkingDay('2026-01-17')).toBe(false);
      expect(sut.isWorkingDay('2026-01-02')).toBe(false);
      const january = sut.year(2026).filter((day) => day.date.startsWith('2026-01'));
      expect(january.map((day) => `${day.date} ${day.working} ${day.reason}`)).toEqual([
        '2026-01-01 false NEW_YEAR',
        '2026-01-02 false OVERRIDE_HOLIDAY',
        '2026-01-10 true OVERRIDE_WORKDAY',
      ]);
      expect(january[2]).toMatchObject({ source: 'OVERRIDE', document: 'TB 2026', note: 'Làm bù cho thứ Sáu 02/01/2026' });
    });

    it('makes up a rule holiday on a Sunday on the Monday: Hùng Kings Sun 26 Apr 2026 → Mon 27 Apr', () => {
      const sut = new WorkingCalendar([]);

      expect(dateOfDayNumber(lunarDays(2026).hungKings)).toBe('2026-04-26');
      expect(sut.isWorkingDay('2026-04-27')).toBe(false);
      expect(sut.isWorkingDay('2026-04-28')).toBe(true);
      expect(sut.year(2026).find((day) => day.date === '2026-04-27')).toMatchObject({ reason: 'SUBSTITUTE', source: 'RULE' });
    });

    it('pushes a substitute past a following holiday: 30 Apr 2028 (Sunday) → Tue 2 May, Mon 1 May being Labour Day', () => {
      const sut = new WorkingCalendar([]);

      expect(daysOff(sut, 2028).filter((day) => day.startsWith('2028-05'))).toEqual(['2028-05-01 LABOUR', '2028-05-02 SUBSTITUTE']);
    });

    it('gives the National Day and the adjacent 1 Sep by default', () => {
      const sut = new WorkingCalendar([]);

      expect(daysOff(sut, 2027).filter((day) => day.startsWith('2027-09'))).toEqual(['2027-09-01 NATIONAL_DAY', '2027-09-02 NATIONAL_DAY']);
    });

    it('takes Hùng Kings on the regular 3rd lunar month in a year with a leap 3rd month (2050)', () => {
      expect(dateOfDayNumber(lunarDays(2050).hungKings)).toBe('2050-04-01');
    });

    it('lets an override beat a rule in either direction, and leaves the other rule days alone', () => {
      const sut = new WorkingCalendar([
        { date: '2027-02-11', kind: 'WORKDAY', document: 'QĐ 1', note: null },
        { date: '2027-02-12', kind: 'HOLIDAY', document: 'QĐ 1', note: 'Hoán đổi' },
      ]);

      expect(sut.isWorkingDay('2027-02-11')).toBe(true);
      expect(sut.isWorkingDay('2027-02-12')).toBe(false);
      expect(sut.isWorkingDay('2027-02-10')).toBe(false);
      expect(sut.year(2027).find((day) => day.date === '2027-02-11')).toMatchObject({ working: true, reason: 'OVERRIDE_WORKDAY' });
    });

    it('honours other weekly rest days', () => {
      const sut = new WorkingCalendar([], { restDays: [0] });

      expect(sut.isWorkingDay('2027-03-06')).toBe(true);
      expect(sut.isWorkingDay('2027-03-07')).toBe(false);
    });

    it('refuses a date that does not exist', () => {
      const sut = new WorkingCalendar([]);

      expect(() => sut.isWorkingDay('2027-02-29')).toThrow(RangeError);
      expect(() => dayNumber('2027-2-1')).toThrow(RangeError);
    });

    it('describes every day of a year for the SQL table', () => {
      const sut = new WorkingCalendar(overrides2026());

      const days = sut.workingDays(2026);
      expect(days).toHaveLength(365);
      expect(days[0]).toEqual({ date: '2026-01-01', working: false });
      expect(days.filter((day) => day.working)).toHaveLength(
        261 /* weekdays */ - 2 /* 1–2 Jan */ + 1 /* 10 Jan */ - 5 /* Tết */ - 1 /* 27 Apr */ - 2 /* 30 Apr, 1 May */ - 2 /* 1–2 Sep */,
      );
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days after from’s date up to and including to’s date', () => {
      const sut = new WorkingCalendar(overrides2026());

      expect(sut.workingDaysBetween(at('2026-02-12T10:00:00+07:00'), at('2026-02-24T09:00:00+07:00'))).toBe(3);
      expect(sut.workingDaysBetween(at('2026-02-12T10:00:00+07:00'), at('2026-02-12T16:00:00+07:00'))).toBe(0);
      expect(sut.workingDaysBetween(at('2026-02-24T10:00:00+07:00'), at('2026-02-12T10:00:00+07:00'))).toBe(0);
      expect(sut.workingDaysBetween(at('2026-02-13T10:00:00+07:00'), at('2026-02-22T10:00:00+07:00'))).toBe(0);
    });

    it('counts across years consistently with adding working days', () => {
      const sut = new WorkingCalendar(overrides2026());
      const from = at('1999-12-20T10:00:00+07:00');

      for (const n of [1, 10, 250, 800]) {
        expect(sut.workingDaysBetween(from, sut.addWorkingDays(from, n))).toBe(n);
      }
      expect(sut.workingDaysBetween(at('2025-12-31T12:00:00+07:00'), at('2026-01-12T12:00:00+07:00'))).toBe(7); // 5–9 Jan, Sat 10 Jan, Mon 12 Jan
    });
  });

  describe('nextWorkingTime', () => {
    const sut = new WorkingCalendar(overrides2026());

    it('keeps an instant within the working hours of a working day', () => {
      expect(sut.nextWorkingTime(at('2026-02-12T10:15:00+07:00'))).toEqual(at('2026-02-12T10:15:00+07:00'));
      expect(sut.nextWorkingTime(at('2026-02-12T19:59:00+07:00'))).toEqual(at('2026-02-12T19:59:00+07:00'));
    });

    it('moves an early morning to 08:00 the same day', () => {
      expect(sut.nextWorkingTime(at('2026-02-12T06:00:00+07:00'))).toEqual(at('2026-02-12T08:00:00+07:00'));
    });

    it('moves the night to 08:00 of the next working day', () => {
      expect(sut.nextWorkingTime(at('2026-02-11T22:00:00+07:00'))).toEqual(at('2026-02-12T08:00:00+07:00'));
      expect(sut.nextWorkingTime(at('2026-02-12T20:00:00+07:00'))).toEqual(at('2026-02-13T08:00:00+07:00'));
      expect(sut.nextWorkingTime(at('2026-02-12T18:30:00+07:00'), '18:00')).toEqual(at('2026-02-13T08:00:00+07:00'));
    });

    it('moves a weekend to Monday and a holiday past its end', () => {
      expect(sut.nextWorkingTime(at('2026-03-07T10:00:00+07:00'))).toEqual(at('2026-03-09T08:00:00+07:00'));
      expect(sut.nextWorkingTime(at('2026-02-13T21:00:00+07:00'))).toEqual(at('2026-02-23T08:00:00+07:00'));
      expect(sut.nextWorkingTime(at('2026-02-17T10:00:00+07:00'))).toEqual(at('2026-02-23T08:00:00+07:00'));
    });

    it('keeps a worked Saturday', () => {
      expect(sut.nextWorkingTime(at('2026-01-10T09:00:00+07:00'))).toEqual(at('2026-01-10T09:00:00+07:00'));
    });
  });
});
