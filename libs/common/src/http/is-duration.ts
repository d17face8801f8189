import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parseDuration } from './durations';

/** The longest duration a template may set: 50 years, so that every due time computed from it is a real date. */
export const MAX_DURATION_SECONDS = 50 * 366 * 86_400;

/** A duration text (`7d`, `36h`, `30s`, `P7D`…) of at most 50 years; `min` in seconds (0 allows `0`). */
export function IsDuration(min = 1, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDuration',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min],
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const seconds = parseDuration(value);
          return seconds !== undefined && seconds >= min && seconds <= MAX_DURATION_SECONDS;
        },
      },
    });
}
