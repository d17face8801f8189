import { weekInVietnam } from './task-week';

describe(weekInVietnam.name, () => {
  const week = (iso: string) => {
    const { from, to } = weekInVietnam(new Date(iso));
    return [from.toISOString(), to.toISOString()];
  };
  // Monday 1 March 2027 00:00 in Hanoi is Sunday 28 February 17:00 UTC.
  const MARCH_1 = ['2027-02-28T17:00:00.000Z', '2027-03-07T17:00:00.000Z'];

  it('runs from Monday 00:00 to the next Monday 00:00, Asia/Ho_Chi_Minh', () => {
    expect(week('2027-03-03T10:00:00+07:00')).toEqual(MARCH_1); // a Wednesday
  });

  it('starts on Monday at midnight in Hanoi, while it is still Sunday in UTC', () => {
    expect(week('2027-03-01T00:00:00+07:00')).toEqual(MARCH_1);
    expect(week('2027-02-28T17:00:00.000Z')).toEqual(MARCH_1);
  });

  it('ends after Sunday 23:59:59.999 in Hanoi', () => {
    expect(week('2027-03-07T23:59:59.999+07:00')).toEqual(MARCH_1);
    expect(week('2027-03-08T00:00:00+07:00')).toEqual(['2027-03-07T17:00:00.000Z', '2027-03-14T17:00:00.000Z']);
  });

  it('counts a Sunday evening UTC that is already Monday in Hanoi in the next week', () => {
    expect(week('2027-03-07T18:00:00.000Z')).toEqual(['2027-03-07T17:00:00.000Z', '2027-03-14T17:00:00.000Z']);
  });

  it('spans a year’s end', () => {
    expect(week('2027-01-01T12:00:00+07:00')).toEqual(['2026-12-27T17:00:00.000Z', '2027-01-03T17:00:00.000Z']);
  });
});
