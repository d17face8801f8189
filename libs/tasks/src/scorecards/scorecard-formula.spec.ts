import { bandOf, DEFAULT_FORMULA, formulaProblems, scoreQuarter, type ScoredTask } from './scorecard-formula';

const task = (code: string, facts: Partial<ScoredTask>): ScoredTask => ({
  taskId: `id-${code}`,
  code,
  completed: true,
  evidence: 'verified',
  rejections: 0,
  regressions: 0,
  late: false,
  workingDaysLate: 0,
  excused: false,
  events: [{ taskId: `id-${code}`, seq: 9, type: 'EVIDENCE_ACCEPTED' }],
  ...facts,
});

describe(scoreQuarter.name, () => {
  // The README's worked example, by hand with the default formula (30 general + 20 quantity + 25 quality + 25 progress):
  //   4 tasks due, so each is worth 20/4 = 5 (quantity), 25/4 = 6.25 (quality), 25/4 = 6.25 (progress).
  //   T1 done on time, verified:                      5     + 6.25                    + 6.25
  //   T2 done 7 wd late, attested, rejected once:     5     + 6.25 × 0.5 × 0.75 = 2.34 + 6.25 × (1 − 0.25 × ⌈7/5⌉) = 3.125
  //   T3 done 3 wd late, excused, verified, regressed: 5    + 6.25 × 0.75 = 4.69       + 6.25 (excused)
  //   T4 not done, 4 wd overdue:                      0     + 0                       + 0
  //   quantity 15, quality 13.28, progress 15.63 → results 43.91 / 70; general 27 → 70.91 ("good" by points),
  //   but 2 of 4 tasks late (T2, T4; T3 excused) = 50% > 20%: "not completed".
  const example = [
    task('T1', {}),
    task('T2', { evidence: 'attested', rejections: 1, late: true, workingDaysLate: 7 }),
    task('T3', { regressions: 1, late: true, workingDaysLate: 3, excused: true }),
    task('T4', { completed: false, evidence: null, late: true, workingDaysLate: 4 }),
  ];

  it('reproduces the worked example, line by line, with each task’s share and reason', () => {
    const result = scoreQuarter(DEFAULT_FORMULA, example, 27);
    expect(result).toMatchObject({ tasksDue: 4, late: 2, lateShare: 0.5, results: 43.91, general: 27, total: 70.91, band: 'NOT_COMPLETED', bandCapped: true });
    expect(result.quantity).toMatchObject({ points: 15, of: 20, arithmetic: '20 × 3/4 = 15' });
    expect(result.quality.points).toBe(13.28);
    expect(result.progress.points).toBe(15.63);
    expect(result.quality.tasks.map((t) => t.points)).toEqual([6.25, 2.34, 4.69, 0]);
    expect(result.progress.tasks.map((t) => t.points)).toEqual([6.25, 3.13, 6.25, 0]);
    expect(result.quality.tasks[1].reason.vi).toBe('người dùng thực do người đứng đầu xác nhận (×0.5), trả lại 1 lần, −25%');
    expect(result.progress.tasks[1].reason.vi).toBe('hoàn thành chậm 7 ngày làm việc (2 bậc × −25%)');
    expect(result.progress.tasks[2].reason.en).toBe('delay excused by a leader');
    // Every line names the timeline entries behind it.
    expect(result.quality.tasks[0].events).toEqual([{ taskId: 'id-T1', seq: 9, type: 'EVIDENCE_ACCEPTED' }]);
  });

  it('shows x / 70 and no band until the evaluator enters the general points', () => {
    expect(scoreQuarter(DEFAULT_FORMULA, example, null)).toMatchObject({ results: 43.91, general: null, total: null, band: null });
  });

  it('the general points change the total and the band; at most 20% late keeps the band the points give', () => {
    const five = [task('A', {}), task('B', {}), task('C', {}), task('D', {}), task('E', { evidence: 'attested', rejections: 1, late: true, workingDaysLate: 7 })];
    // quantity 20; quality 4 × 5 + 5 × 0.375 = 21.88; progress 4 × 5 + 5 × 0.5 = 22.5 → 64.38; 1 late of 5 = 20%.
    expect(scoreQuarter(DEFAULT_FORMULA, five, 27)).toMatchObject({ results: 64.38, total: 91.38, band: 'EXCELLENT', bandCapped: false, lateShare: 0.2 });
    expect(scoreQuarter(DEFAULT_FORMULA, five, 20)).toMatchObject({ total: 84.38, band: 'GOOD' });
    expect(scoreQuarter(DEFAULT_FORMULA, five, 0)).toMatchObject({ total: 64.38, band: 'COMPLETED' });
    expect(scoreQuarter(DEFAULT_FORMULA, [task('F', { completed: false, evidence: null, late: true, workingDaysLate: 1 })], 30)).toMatchObject({ total: 30, band: 'NOT_COMPLETED', bandCapped: false });
  });

  it('a quarter with no task due gives the results’ full points and says so', () => {
    const result = scoreQuarter(DEFAULT_FORMULA, [], 25);
    expect(result).toMatchObject({ tasksDue: 0, lateShare: null, results: 70, total: 95, band: 'EXCELLENT' });
    expect(result.quantity.arithmetic).toContain('no task due');
  });

  it('lateness costs a quarter of the progress points per step of 5 working days, never below nothing', () => {
    const progress = (days: number) => scoreQuarter(DEFAULT_FORMULA, [task('L', { late: true, workingDaysLate: days })], null).progress.points;
    // Late within the due date itself (0 working days) still costs one step.
    expect([0, 1, 5, 6, 10, 15, 20, 40].map(progress)).toEqual([18.75, 18.75, 18.75, 12.5, 12.5, 6.25, 0, 0]);
    expect(scoreQuarter(DEFAULT_FORMULA, [task('M', {})], null).progress.points).toBe(25);
  });

  it('each rejection and each regression costs a quarter of the task’s quality points', () => {
    const quality = (rejections: number, regressions: number) => scoreQuarter(DEFAULT_FORMULA, [task('Q', { rejections, regressions })], null).quality.points;
    expect([quality(0, 0), quality(1, 0), quality(1, 1), quality(2, 2), quality(5, 0)]).toEqual([25, 18.75, 12.5, 0, 0]);
  });
});

describe(bandOf.name, () => {
  it('bands at 90, 70 and 50', () => {
    expect([100, 90, 89.99, 70, 69.99, 50, 49.99].map((total) => bandOf(DEFAULT_FORMULA, total, 0).band)).toEqual(['EXCELLENT', 'EXCELLENT', 'GOOD', 'GOOD', 'COMPLETED', 'COMPLETED', 'NOT_COMPLETED']);
  });
});

describe(formulaProblems.name, () => {
  it('accepts the defaults and names what is wrong in an edited formula', () => {
    expect(formulaProblems(DEFAULT_FORMULA)).toEqual([]);
    expect(formulaProblems({ ...DEFAULT_FORMULA, results: { quantity: 30, quality: 25, progress: 25 }, attestedWeight: 2, lateStepWorkingDays: 0, bands: { excellent: 70, good: 90, completed: 50 } })).toEqual([
      { field: 'results', rule: 'sumTo100' },
      { field: 'lateStepWorkingDays', rule: 'positiveWhole' },
      { field: 'attestedWeight', rule: 'between0And1' },
      { field: 'bands', rule: 'descending' },
    ]);
  });
});
