import { validateSync } from 'class-validator';
import { translateProblem } from '../i18n/translate';
import { formatTerm, parseDuration, parseTerm } from './durations';
import { IsTerm } from './is-duration';
import { flattenValidationErrors } from './validation';

describe(parseTerm.name, () => {
  it('reads working days in either case', () => {
    expect(parseTerm('10wd')).toEqual({ workingDays: 10 });
    expect(parseTerm('10WD')).toEqual({ workingDays: 10 });
    expect(parseTerm(' 3Wd ')).toEqual({ workingDays: 3 });
    expect(parseTerm('0wd')).toEqual({ workingDays: 0 });
  });

  it('reads every duration parseDuration reads as seconds', () => {
    for (const text of ['90d', '36h', '1d12h', '30s', '2w', 'P7D', 'PT30S', '0']) expect(parseTerm(text)).toEqual({ seconds: parseDuration(text) });
  });

  it('refuses what is neither', () => {
    for (const text of ['', 'wd', '10 wd', '-3wd', '1.5wd', '10wdd', '10dw', '1d2wd', 'P10WD', '1234567wd']) expect(parseTerm(text)).toBeUndefined();
  });

  it('writes a term back as it is read', () => {
    expect(formatTerm({ workingDays: 10 })).toBe('10wd');
    expect(formatTerm({ seconds: 129_600 })).toBe('1d12h');
    for (const text of ['5wd', '7d', '36h', '0']) expect(formatTerm(parseTerm(text)!)).toBe(text === '36h' ? '1d12h' : text);
  });
});

describe(IsTerm.name, () => {
  class Body {
    @IsTerm(1) due!: unknown;
    @IsTerm(0, { each: true }) reminders!: unknown[];
  }
  const problems = (due: unknown, reminders: unknown[] = []) => flattenValidationErrors(validateSync(Object.assign(new Body(), { due, reminders })));

  it('accepts working days and durations, within bounds', () => {
    expect(problems('10wd', ['1wd', '0wd', '0', '3d'])).toEqual([]);
    expect(problems('P7D')).toEqual([]);
    expect(problems(`${50 * 261}wd`)).toEqual([]);
  });

  it('refuses zero where a term must be positive, too long a term and other text, in both languages', () => {
    expect(problems('0wd').map((p) => p.rule)).toEqual(['isTerm']);
    expect(problems('0').map((p) => p.rule)).toEqual(['isTerm']);
    expect(problems(`${50 * 261 + 1}wd`).map((p) => p.rule)).toEqual(['isTerm']);
    expect(problems(10).map((p) => p.rule)).toEqual(['isTerm']);
    const [problem] = problems('mười ngày');
    expect(translateProblem(problem, 'vi')).toBe('due phải là thời hạn như 10wd, 7d, 36h, 30s hoặc P7D (wd: ngày làm việc; ít nhất 1 giây, nhiều nhất 50 năm)');
    expect(translateProblem(problem, 'en')).toBe('due must be a term such as 10wd, 7d, 36h, 30s or P7D (wd: working days; at least 1 seconds, at most 50 years)');
  });
});
