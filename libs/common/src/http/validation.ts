import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { validationFailed, type FieldProblem } from './app.exception';
import { assertCleanInput, normaliseText, singleLineProblems } from './text-input';

/** The arguments of the rule `rule` on `property` of the validated object (e.g. `[3]` for `min(3)`). */
function ruleArguments(target: object | undefined, property: string, rule: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && (m.name ?? m.type) === rule);
  const constraints = (metadata?.constraints ?? []) as unknown[];
  // IsEnum stores [enumObject, validValues]; users need the values.
  if (rule === 'isEnum' && Array.isArray(constraints[1])) return [constraints[1]];
  return constraints.filter((c) => typeof c !== 'object' || Array.isArray(c) || c === null);
}

/** Turns class-validator's tree of errors into a flat list of `field.path[0].name` problems. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const rules = Object.keys(error.constraints ?? {});
    if (rules.length > 0 && error.value === undefined && !rules.includes('whitelistValidation')) {
      // A missing required field: one clear message rather than every rule it fails.
      problems.push({ field, rule: 'isDefined', args: [] });
    } else if (rules.length > 0 && error.value === null && !rules.includes('whitelistValidation')) {
      problems.push({ field, rule: 'notNull', args: [] });
    } else {
      for (const rule of rules) problems.push({ field, rule, args: ruleArguments(error.target, error.property, rule) });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, field));
  }
  return problems;
}

/**
 * Every body, query and path parameter: text rules first (control characters, lone surrogates,
 * depth, inherited keys; NFC), then class-validator, then one line per string outside
 * `@MultiLine()` fields. `?lang` chooses the language of any answer (read from the request
 * itself), so every query may carry it.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    assertCleanInput(value, metadata.data ?? metadata.type);
    let input = normaliseText(value);
    if (metadata.type === 'query' && metadata.data === undefined && input !== null && typeof input === 'object' && 'lang' in input) {
      const { lang: _lang, ...query } = input as Record<string, unknown>;
      input = query;
    }
    const result: unknown = await super.transform(input, metadata);
    const problems = singleLineProblems(result, metadata.data ?? '');
    if (problems.length > 0) throw validationFailed(problems);
    return result;
  }
}

/** The one validation pipe of every HTTP input: unknown fields are refused, types converted. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // `value` tells a missing field from a wrong one; values never reach the response.
    validationError: { target: true, value: true },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
