import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parseDuration, parseTerm } from './durations';

/** The longest duration a template may set: 50 years, so that every due time computed from it is a real date. */
export const MAX_DURATION_SECONDS = 50 * 366 * 86_400;

/** The longest term in working days: about 50 years of five-day weeks, as for durations. */
export const MAX_WORKING_DAYS = 50 * 261;

/** A decorator for a text rule with one numeric constraint (`min`), named as validation messages know it. */
function textRule(name: string, min: number, options: ValidationOptions | undefined, accepts: (text: string) => boolean): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min],
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && accepts(value) },
    });
}

/** A duration text (`7d`, `36h`, `30s`, `P7D`…) of at most 50 years; `min` in seconds (0 allows `0`). */
export function IsDuration(min = 1, options?: ValidationOptions): PropertyDecorator {
  return textRule('isDuration', min, options, (text) => {
    const seconds = parseDuration(text);
    return seconds !== undefined && seconds >= min && seconds <= MAX_DURATION_SECONDS;
  });
}

/**
 * A term: a duration as `IsDuration` accepts it, or working days (`10wd`); `min` in seconds for
 * durations, and 0 allows `0wd` too (else at least `1wd`); at most 50 years either way.
 */
export function IsTerm(min = 1, options?: ValidationOptions): PropertyDecorator {
  return textRule('isTerm', min, options, (text) => {
    const term = parseTerm(text);
    if (!term) return false;
    if ('workingDays' in term) return term.workingDays >= Math.min(min, 1) && term.workingDays <= MAX_WORKING_DAYS;
    return term.seconds >= min && term.seconds <= MAX_DURATION_SECONDS;
  });
}
