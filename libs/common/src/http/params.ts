import { ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { invalidField } from './app.exception';

/** `@Param('id', uuidParam('id'))`: a 400 naming the parameter when it is not a UUID. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => invalidField(name, 'isUuid', { vi: `${name} phải là UUID hợp lệ`, en: `${name} must be a valid UUID` }),
  });
}

/** `@Param('version', intParam('version'))`: a whole number within PostgreSQL's `integer`, else a 400 naming the parameter. */
export function intParam(name: string, min = 1, max = 2_147_483_647): PipeTransform<string, number> {
  return {
    transform: (value: string) => {
      const number = /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(number) || number < min || number > max) {
        throw invalidField(name, 'isInt', { vi: `${name} phải là số nguyên từ ${min} đến ${max}`, en: `${name} must be an integer from ${min} to ${max}` });
      }
      return number;
    },
  };
}
