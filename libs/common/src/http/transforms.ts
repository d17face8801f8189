import { ValidateIf } from 'class-validator';

/** class-transformer `@Transform` functions and query helpers shared by every DTO and list. */

/** Strings arrive without surrounding spaces. */
export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Query strings `true`/`false` become booleans; anything else is left for `@IsBoolean` to refuse. */
export const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** An ILIKE pattern matching `text` anywhere, with its own `%`, `_` and `\` taken literally. */
export const likeContains = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `@IsOptional()` for a body field that may be left out but never sent as `null` (a column that
 * cannot be empty): `null` is then validated, and refused, like any other wrong value.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
