import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { invalidField } from './app.exception';

const KEY = /^[\x21-\x7E]{1,200}$/;

/**
 * The request's `Idempotency-Key` header (1–200 visible ASCII characters), or undefined: a client
 * that retries an action with the same key gets the first result instead of acting twice.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw invalidField('Idempotency-Key', 'idempotencyKey', {
      vi: 'Idempotency-Key phải gồm 1–200 ký tự ASCII nhìn thấy được (không có khoảng trắng)',
      en: 'Idempotency-Key must be 1–200 visible ASCII characters (no spaces)',
    });
  }
  return value;
});
