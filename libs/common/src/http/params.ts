import { ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from './app.exception';

/** `@Param('id', uuidParam('id'))`: a 400 naming the parameter when it is not a UUID. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => invalidField(name, 'isUuid', { vi: `${name} phải là UUID hợp lệ`, en: `${name} must be a valid UUID` }),
  });
}
