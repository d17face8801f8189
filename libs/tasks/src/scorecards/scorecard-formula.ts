/**
 * The quarterly scorecard's arithmetic (Quy định 366-QĐ/TW of 2025 and Nghị định 335/2025/NĐ-CP):
 * 100 points = 30 general points entered by the evaluator + 70 for the results of the tasks due in
 * the quarter, split into quantity, quality and progress. Pure: the facts of each task in, every
 * line with its arithmetic and the tasks and timeline entries behind it out. The formula is data,
 * versioned by administrators; a scorecard keeps the version it was computed with.
 */

export const BANDS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
export type Band = (typeof BANDS)[number];

/** Vietnamese labels first (Quy định 366-QĐ/TW), English second. */
export const BAND_LABELS: Record<Band, { vi: string; en: string }> = {
  EXCELLENT: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellent' },
  GOOD: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good' },
  COMPLETED: { vi: 'Hoàn thành nhiệm vụ', en: 'Completed' },
  NOT_COMPLETED: { vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed' },
};

export interface ScorecardFormula {
  /** Points the evaluator enters (general criteria: political quality, ethics, discipline…). */
  generalPoints: number;
  /** The results' points, split into quantity, quality and progress (their sum is 100 − generalPoints). */
  results: { quantity: number; quality: number; progress: number };
  /** What a task whose real users were attested (not read from a metrics source) earns of its quality points. */
  attestedWeight: number;
  /** Share of a task's quality points lost per evidence rejection and per regression after completion. */
  qualityDeduction: number;
  /** Share of a late task's progress points lost per step of lateness. */
  lateDeduction: number;
  /** The step of lateness, in working days against the original due time. */
  lateStepWorkingDays: number;
  /** Lowest total of each band but the last. */
  bands: { excellent: number; good: number; completed: number };
  /** The collective rule: "completed" or better allows at most this share of the tasks due to be late. */
  maxLateShare: number;
}

/** The defaults, as the README's worked example shows them. */
export const DEFAULT_FORMULA: ScorecardFormula = {
  generalPoints: 30,
  results: { quantity: 20, quality: 25, progress: 25 },
  attestedWeight: 0.5,
  qualityDeduction: 0.25,
  lateDeduction: 0.25,
  lateStepWorkingDays: 5,
  bands: { excellent: 90, good: 70, completed: 50 },
  maxLateShare: 0.2,
};

/** A timeline entry a line rests on. */
export interface EventRef {
  taskId: string;
  seq: number;
  type: string;
}

/** What the scorecard needs to know of one task due in the quarter (by its original due time). */
export interface ScoredTask {
  taskId: string;
  code: string;
  /** Done by the quarter's cut-off. */
  completed: boolean;
  /** How its real users were established when it was done: read from a metrics source, attested by the head, or neither. */
  evidence: 'verified' | 'attested' | null;
  /** Evidence submissions rejected by the reviewer. */
  rejections: number;
  /** Regressions after completion (after-care). */
  regressions: number;
  /** Done after its original due time, or not done and past it at the cut-off. */
  late: boolean;
  /** Working days late against the original due time (0 when late within the due date itself), less `excusedWorkingDays`. */
  workingDaysLate: number;
  /** Working days of the lateness a leader excused (a confirmed blocker held the task up), already taken off `workingDaysLate`. */
  excusedWorkingDays?: number;
  /** The delay was excused by a leader: an extension granted for an objective cause, a confirmed blocker. */
  excused: boolean;
  /** The timeline entries behind these facts (completion, rejections, regressions, the excuse). */
  events: EventRef[];
}

export interface LineTask {
  taskId: string;
  code: string;
  /** Points this task earned on the line, of `of`. */
  points: number;
  of: number;
  /** Why, in words an evaluator can check ("hoàn thành đúng hạn", "trả lại 1 lần: −25%"…). */
  reason: { vi: string; en: string };
  events: EventRef[];
}

export interface ScorecardLine {
  points: number;
  of: number;
  /** The line's arithmetic, e.g. "20 × 3/4 = 15". */
  arithmetic: string;
  tasks: LineTask[];
}

export interface ScorecardResult {
  tasksDue: number;
  /** Late and not excused (done late, or not done past the due time). */
  late: number;
  lateShare: number | null;
  quantity: ScorecardLine;
  quality: ScorecardLine;
  progress: ScorecardLine;
  /** The results' points, of 100 − generalPoints. */
  results: number;
  /** The evaluator's points once entered; null until then. */
  general: number | null;
  /** results + general once the general points are entered; null ("pending") until then. */
  total: number | null;
  band: Band | null;
  /** The collective rule lowered the band (more than maxLateShare of the tasks late). */
  bandCapped: boolean;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const fmt = (x: number): string => String(round2(x));

/** The band of a total, with the collective rule. */
export function bandOf(formula: ScorecardFormula, total: number, lateShare: number | null): { band: Band; capped: boolean } {
  const byPoints: Band = total >= formula.bands.excellent ? 'EXCELLENT' : total >= formula.bands.good ? 'GOOD' : total >= formula.bands.completed ? 'COMPLETED' : 'NOT_COMPLETED';
  if (byPoints !== 'NOT_COMPLETED' && lateShare !== null && lateShare > formula.maxLateShare) return { band: 'NOT_COMPLETED', capped: true };
  return { band: byPoints, capped: false };
}

/** Late and not excused: done after its original due time, or not done and past it. */
const isLate = (task: ScoredTask): boolean => task.late && !task.excused;

/**
 * Scores the tasks due in a quarter. With no task due the results are the full points (nothing was
 * asked of the unit) and the lines say so; `general` adds the evaluator's points when entered.
 */
export function scoreQuarter(formula: ScorecardFormula, tasks: ScoredTask[], general: number | null): ScorecardResult {
  const n = tasks.length;
  const { quantity: wQuantity, quality: wQuality, progress: wProgress } = formula.results;
  const share = (weight: number) => (n === 0 ? 0 : weight / n);

  const quantityTasks: LineTask[] = tasks.map((task) => ({
    taskId: task.taskId,
    code: task.code,
    points: task.completed ? share(wQuantity) : 0,
    of: share(wQuantity),
    reason: task.completed ? { vi: 'đã hoàn thành', en: 'done' } : { vi: 'chưa hoàn thành', en: 'not done' },
    events: task.events,
  }));
  const done = tasks.filter((task) => task.completed).length;

  const qualityTasks: LineTask[] = tasks.map((task) => {
    const of = share(wQuality);
    if (!task.completed || task.evidence === null) {
      return { taskId: task.taskId, code: task.code, points: 0, of, reason: { vi: 'chưa có minh chứng được chấp nhận', en: 'no accepted evidence' }, events: task.events };
    }
    const weight = task.evidence === 'verified' ? 1 : formula.attestedWeight;
    const deductions = task.rejections + task.regressions;
    const kept = Math.max(0, 1 - formula.qualityDeduction * deductions);
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const parts = [task.evidence === 'verified' ? { vi: 'minh chứng được kiểm chứng', en: 'verified evidence' } : { vi: `người dùng thực do người đứng đầu xác nhận (×${formula.attestedWeight})`, en: `real users attested (×${formula.attestedWeight})` }];
    if (task.rejections > 0) parts.push({ vi: `trả lại ${task.rejections} lần`, en: `rejected ${task.rejections}×` });
    if (task.regressions > 0) parts.push({ vi: `suy giảm sau hoàn thành ${task.regressions} lần`, en: `regressed ${task.regressions}×` });
    if (deductions > 0) parts.push({ vi: `−${pct(formula.qualityDeduction * deductions)}`, en: `−${pct(formula.qualityDeduction * deductions)}` });
    return { taskId: task.taskId, code: task.code, points: of * weight * kept, of, reason: { vi: parts.map((p) => p.vi).join(', '), en: parts.map((p) => p.en).join(', ') }, events: task.events };
  });

  const progressTasks: LineTask[] = tasks.map((task) => {
    const of = share(wProgress);
    if (task.late && task.excused) {
      return { taskId: task.taskId, code: task.code, points: task.completed ? of : 0, of, reason: task.completed ? { vi: 'chậm được lãnh đạo chấp nhận có lý do khách quan', en: 'delay excused by a leader' } : { vi: 'chưa hoàn thành (chậm được chấp nhận)', en: 'not done (delay excused)' }, events: task.events };
    }
    if (!task.completed) {
      const reason = task.late ? { vi: `chưa hoàn thành, chậm ${task.workingDaysLate} ngày làm việc`, en: `not done, ${task.workingDaysLate} working days late` } : { vi: 'chưa hoàn thành', en: 'not done' };
      return { taskId: task.taskId, code: task.code, points: 0, of, reason, events: task.events };
    }
    if (!task.late) return { taskId: task.taskId, code: task.code, points: of, of, reason: { vi: 'hoàn thành đúng hạn', en: 'done on time' }, events: task.events };
    // Late at all costs one step; each started step of lateness one more.
    const steps = Math.max(1, Math.ceil(task.workingDaysLate / formula.lateStepWorkingDays));
    const kept = Math.max(0, 1 - formula.lateDeduction * steps);
    const excusedDays = task.excusedWorkingDays ?? 0;
    const net = excusedDays > 0 ? { vi: `, sau khi trừ ${excusedDays} ngày vướng mắc được xác nhận`, en: `, after ${excusedDays} days of a confirmed blocker` } : { vi: '', en: '' };
    return {
      taskId: task.taskId,
      code: task.code,
      points: of * kept,
      of,
      reason: {
        vi: `hoàn thành chậm ${task.workingDaysLate} ngày làm việc${net.vi} (${steps} bậc × −${formula.lateDeduction * 100}%)`,
        en: `done ${task.workingDaysLate} working days late${net.en} (${steps} steps × −${formula.lateDeduction * 100}%)`,
      },
      events: task.events,
    };
  });

  const sum = (lines: LineTask[]) => lines.reduce((total, line) => total + line.points, 0);
  const line = (weight: number, lineTasks: LineTask[], arithmetic: string): ScorecardLine => ({
    points: n === 0 ? weight : round2(sum(lineTasks)),
    of: weight,
    arithmetic: n === 0 ? `${weight} (không có nhiệm vụ đến hạn / no task due)` : arithmetic,
    tasks: lineTasks.map((task) => ({ ...task, points: round2(task.points), of: round2(task.of) })),
  });
  const quantity = line(wQuantity, quantityTasks, `${wQuantity} × ${done}/${n} = ${fmt(sum(quantityTasks))}`);
  const quality = line(wQuality, qualityTasks, `${wQuality}/${n} × (${qualityTasks.map((t) => fmt(t.of === 0 ? 0 : t.points / t.of)).join(' + ')}) = ${fmt(sum(qualityTasks))}`);
  const progress = line(wProgress, progressTasks, `${wProgress}/${n} × (${progressTasks.map((t) => fmt(t.of === 0 ? 0 : t.points / t.of)).join(' + ')}) = ${fmt(sum(progressTasks))}`);

  const late = tasks.filter(isLate).length;
  const lateShare = n === 0 ? null : late / n;
  const results = round2(quantity.points + quality.points + progress.points);
  const total = general === null ? null : round2(results + general);
  const banded = total === null ? null : bandOf(formula, total, lateShare);
  return { tasksDue: n, late, lateShare, quantity, quality, progress, results, general, total, band: banded?.band ?? null, bandCapped: banded?.capped ?? false };
}

/** Problems of a formula an administrator edits (each a field and a rule), empty when sound. */
export function formulaProblems(formula: ScorecardFormula): { field: string; rule: string }[] {
  const problems: { field: string; rule: string }[] = [];
  const { quantity, quality, progress } = formula.results;
  for (const [field, value] of Object.entries({ generalPoints: formula.generalPoints, 'results.quantity': quantity, 'results.quality': quality, 'results.progress': progress })) {
    if (!(value >= 0)) problems.push({ field, rule: 'notNegative' });
  }
  if (Math.abs(formula.generalPoints + quantity + quality + progress - 100) > 1e-9) problems.push({ field: 'results', rule: 'sumTo100' });
  if (!(Number.isInteger(formula.lateStepWorkingDays) && formula.lateStepWorkingDays >= 1)) problems.push({ field: 'lateStepWorkingDays', rule: 'positiveWhole' });
  for (const [field, value] of Object.entries({ attestedWeight: formula.attestedWeight, qualityDeduction: formula.qualityDeduction, lateDeduction: formula.lateDeduction, maxLateShare: formula.maxLateShare })) {
    if (!(value >= 0 && value <= 1)) problems.push({ field, rule: 'between0And1' });
  }
  const { excellent, good, completed } = formula.bands;
  if (!(excellent > good && good > completed && completed > 0 && excellent <= 100)) problems.push({ field: 'bands', rule: 'descending' });
  return problems;
}
