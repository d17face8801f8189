import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { translateProblem } from '../i18n/translate';
import { flattenValidationErrors } from './validation';

class Milestone {
  @IsString() title!: string;
  @IsInt() @Min(1) week!: number;
}

class Plan {
  @IsIn(['vi', 'en']) language!: string;
  @ValidateNested({ each: true }) @Type(() => Milestone) milestones!: Milestone[];
}

describe(flattenValidationErrors.name, () => {
  const plan = Object.assign(new Plan(), {
    language: 'fr',
    milestones: [Object.assign(new Milestone(), { title: 'ok', week: 1 }), Object.assign(new Milestone(), { title: 3, week: 0 })],
  });

  it('flattens nested errors into field paths with the rule and its arguments', () => {
    const problems = flattenValidationErrors(validateSync(plan));
    expect(problems).toEqual([
      { field: 'language', rule: 'isIn', args: [['vi', 'en']] },
      { field: 'milestones[1].title', rule: 'isString', args: [] },
      { field: 'milestones[1].week', rule: 'min', args: [1] },
    ]);
  });

  it('renders each problem in both languages with its arguments', () => {
    const [language, , week] = flattenValidationErrors(validateSync(plan));
    expect(translateProblem(language, 'vi')).toBe('language phải là một trong: vi, en');
    expect(translateProblem(week, 'en')).toBe('milestones[1].week must not be less than 1');
  });
});
