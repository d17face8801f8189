import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parseDuration } from '@dondoc/workflows/task/durations';

/** A duration text (`7d`, `36h`, `30s`, `P7D`…); `min` in seconds (0 allows `0`). */
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
          return seconds !== undefined && seconds >= min;
        },
      },
    });
}
