import { WorkingCalendar } from '@dondoc/calendar';
import { emailHoldUntil, type HoldPolicy, type HoldQuestion } from './task-notification-hold';

/** Asia/Ho_Chi_Minh wall time (UTC+7, no daylight saving) as an instant. */
const hcm = (local: string): number => Date.parse(`${local}:00+07:00`);

// A fixed calendar: 2026 by the rules, plus Thu 12 Mar declared a day off and Sat 10 Jan worked (as decided for 2026).
const calendar = new WorkingCalendar([
  { date: '2026-03-12', kind: 'HOLIDAY', document: 'Quyết định thử', note: null },
  { date: '2026-01-10', kind: 'WORKDAY', document: 'Thông báo 6150/TB-BNV', note: 'làm bù' },
]);
const policy: HoldPolicy = { workingHoursOnly: true, until: '20:00' };
const ask = (at: number, more: Partial<HoldQuestion> = {}): Date | null => emailHoldUntil(calendar, policy, { at, eventType: 'ASSIGNED', toHead: false, plan: undefined, ...more });

describe(emailHoldUntil.name, () => {
  it('within working hours an email goes at once', () => {
    expect(ask(hcm('2026-03-11T10:00'))).toBeNull();
    expect(ask(hcm('2026-03-11T08:00'))).toBeNull();
    expect(ask(hcm('2026-03-11T19:59'))).toBeNull();
  });

  it('at night it waits for 08:00 of the next working day; early in the morning, for 08:00 the same day', () => {
    expect(ask(hcm('2026-03-10T20:00'))).toEqual(new Date(hcm('2026-03-11T08:00')));
    expect(ask(hcm('2026-03-10T23:30'))).toEqual(new Date(hcm('2026-03-11T08:00')));
    expect(ask(hcm('2026-03-11T06:30'))).toEqual(new Date(hcm('2026-03-11T08:00')));
  });

  it('on a weekend it waits for Monday 08:00', () => {
    expect(ask(hcm('2026-03-14T10:00'))).toEqual(new Date(hcm('2026-03-16T08:00')));
    expect(ask(hcm('2026-03-15T21:00'))).toEqual(new Date(hcm('2026-03-16T08:00')));
  });

  it('a day an override declares off is skipped; a Saturday it declares worked sends at once', () => {
    // Wed 11 Mar at night: Thu 12 is off by the override, so Fri 13 at 08:00.
    expect(ask(hcm('2026-03-11T21:00'))).toEqual(new Date(hcm('2026-03-13T08:00')));
    expect(ask(hcm('2026-03-12T10:00'))).toEqual(new Date(hcm('2026-03-13T08:00')));
    expect(ask(hcm('2026-01-10T10:00'))).toBeNull();
  });

  it('Tết 2026 (Sat 14 – Sun 22 Feb by the rules and substitutes) waits for Mon 23 Feb', () => {
    expect(ask(hcm('2026-02-17T10:00'))).toEqual(new Date(hcm('2026-02-23T08:00')));
  });

  it('the overdue notice to the head goes at once at any hour (the default); to the officers it waits', () => {
    const night = hcm('2026-03-14T22:00');
    expect(ask(night, { eventType: 'OVERDUE', toHead: true })).toBeNull();
    expect(ask(night, { eventType: 'OVERDUE', toHead: true, plan: { overdueToHeadAnyTime: true } })).toBeNull();
    expect(ask(night, { eventType: 'OVERDUE', toHead: false })).toEqual(new Date(hcm('2026-03-16T08:00')));
    // Other notices to the head wait like the rest.
    expect(ask(night, { eventType: 'REMINDER', toHead: true })).toEqual(new Date(hcm('2026-03-16T08:00')));
  });

  it('a template that turns the exemption off holds the overdue notice to the head too', () => {
    expect(ask(hcm('2026-03-14T22:00'), { eventType: 'OVERDUE', toHead: true, plan: { overdueToHeadAnyTime: false } })).toEqual(new Date(hcm('2026-03-16T08:00')));
  });

  it('a template that allows any hour sends at once; a template that does not say follows the configuration', () => {
    const night = hcm('2026-03-14T22:00');
    expect(ask(night, { plan: { workingHoursOnly: false } })).toBeNull();
    expect(ask(night, { plan: { overdueToHeadAnyTime: true } })).toEqual(new Date(hcm('2026-03-16T08:00')));
    const anyHour: HoldPolicy = { workingHoursOnly: false, until: '20:00' };
    expect(emailHoldUntil(calendar, anyHour, { at: night, eventType: 'ASSIGNED', toHead: false, plan: undefined })).toBeNull();
    expect(emailHoldUntil(calendar, anyHour, { at: night, eventType: 'ASSIGNED', toHead: false, plan: { workingHoursOnly: true } })).toEqual(new Date(hcm('2026-03-16T08:00')));
  });

  it('the end of the sending window is configurable', () => {
    expect(emailHoldUntil(calendar, { workingHoursOnly: true, until: '17:30' }, { at: hcm('2026-03-10T18:00'), eventType: 'ASSIGNED', toHead: false, plan: undefined })).toEqual(
      new Date(hcm('2026-03-11T08:00')),
    );
  });
});
