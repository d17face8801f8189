import { WorkingCalendar } from '@dondoc/calendar';
import { briefingTimes, weekInRange, weekOfInput } from './briefing-times';

const calendar = new WorkingCalendar([]);
const isWorkingDay = (date: string) => calendar.isWorkingDay(date);
const vn = (local: string) => new Date(`${local}+07:00`);

describe(briefingTimes.name, () => {
  it('counts an ordinary week from Monday 08:00 to the next Monday 08:00', () => {
    expect(briefingTimes({ year: 2026, week: 48 }, isWorkingDay)).toEqual({
      week: '2026-W48',
      weekStart: vn('2026-11-23T00:00:00'),
      cutOff: vn('2026-11-23T08:00:00'),
      previousCutOff: vn('2026-11-16T08:00:00'),
      mondayOff: false,
    });
  });

  it('moves the cut-off to the next working day when the Labour Code makes Monday a day off (the calendar of 2026)', () => {
    // Hùng Kings' day 2026 falls on Sunday 26 April: Monday 27 April is its substitute day off.
    const w18 = briefingTimes({ year: 2026, week: 18 }, isWorkingDay);
    expect(w18).toMatchObject({ cutOff: vn('2026-04-28T08:00:00'), mondayOff: true, previousCutOff: vn('2026-04-20T08:00:00') });
    // The next week's changes start from that Tuesday.
    expect(briefingTimes({ year: 2026, week: 19 }, isWorkingDay).previousCutOff).toEqual(vn('2026-04-28T08:00:00'));
    // Tết 2026: Monday 16 to Friday 20 February off; the pack of W08 is issued with W09's, Monday 23 February.
    expect(briefingTimes({ year: 2026, week: 8 }, isWorkingDay)).toMatchObject({ cutOff: vn('2026-02-23T08:00:00'), mondayOff: true });
    expect(briefingTimes({ year: 2026, week: 9 }, isWorkingDay)).toMatchObject({ cutOff: vn('2026-02-23T08:00:00'), previousCutOff: vn('2026-02-23T08:00:00'), mondayOff: false });
    // 2026-W01's Monday is 29 December 2025, a working day (1 January is the Thursday).
    expect(briefingTimes({ year: 2026, week: 1 }, isWorkingDay)).toMatchObject({ cutOff: vn('2025-12-29T08:00:00'), mondayOff: false });
    // The first week the range allows: Monday 3 January 2000 is New Year's substitute day; its previous week lies in 1999.
    expect(briefingTimes({ year: 2000, week: 1 }, isWorkingDay)).toMatchObject({ cutOff: vn('2000-01-04T08:00:00'), previousCutOff: vn('1999-12-27T08:00:00'), mondayOff: true });
  });

  it('follows an override decided by the government (a Monday made a day off)', () => {
    const decided = new WorkingCalendar([{ date: '2026-11-23', kind: 'HOLIDAY', document: 'QĐ thử', note: null }]);
    expect(briefingTimes({ year: 2026, week: 48 }, (d) => decided.isWorkingDay(d))).toMatchObject({ cutOff: vn('2026-11-24T08:00:00'), mondayOff: true });
  });
});

describe(weekOfInput.name, () => {
  it('takes an ISO week or any real date of it', () => {
    expect(weekOfInput('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(weekOfInput('2026-11-29')).toEqual({ year: 2026, week: 48 });
    expect(['2026-W54', '2026-02-30', '2026-11-25T00:00:00Z', 'W48', '', '99999-W01'].map(weekOfInput)).toEqual([null, null, null, null, null, null]);
  });

  it('keeps to the working-day calendar’s range, 2000 to mid-2100', () => {
    expect([weekOfInput('2000-W01'), weekOfInput('2100-W21'), weekOfInput('1999-W52'), weekOfInput('2100-W22'), weekOfInput('9999-W01')].map((w) => w !== null && weekInRange(w))).toEqual([true, true, false, false, false]);
  });
});
