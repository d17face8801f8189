/**
 * Hostile requests generated from the OpenAPI document: for a schema, a baseline value and its
 * mutations one field at a time; for parameters, odd values. Pure code (no HTTP), deterministic
 * for a seed, used by test/fuzz.e2e-spec.ts.
 */

// ---------------------------------------------------------------------------------------------
// The document

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
  description?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  /** `POST /api/tasks/{id}/cancel` */
  route: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** The request body's content type and schema, if the route reads one. */
  body?: { contentType: string; schema: Schema };
  /** Whether the document asks for a bearer token. */
  secured: boolean;
  /** The route answers HTML (a page), not JSON, including for its errors. */
  html: boolean;
  summary: string;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
  summary?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document, in its order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const content = Object.entries(op.requestBody?.content ?? {})[0];
      const produces = Object.values(op.responses ?? {}).flatMap((r) => Object.keys(r.content ?? {}));
      return {
        route: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: content ? { contentType: content[0], schema: content[1].schema } : undefined,
        secured: (op.security ?? []).length > 0,
        html: produces.includes('text/html'),
        summary: op.summary ?? '',
      };
    }),
  );
}

/** Follows `$ref` and a lone `allOf` (how Nest's swagger wraps a nullable or described reference). */
export function resolveSchema(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return resolveSchema(doc, target);
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    const inner = resolveSchema(doc, allOf[0]);
    return { ...inner, ...rest, type: inner.type ?? rest.type, properties: inner.properties, required: inner.required };
  }
  return schema;
}

const isObjectSchema = (s: Schema) => s.type === 'object' && s.properties !== undefined && Object.keys(s.properties).length > 0;
const isArraySchema = (s: Schema) => s.type === 'array';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast, and the same sequence for the same seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, n);
  }

  /** A version-4-shaped UUID drawn from this generator (so runs repeat). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON that JSON.stringify cannot write

/** JSON text inserted verbatim: `1e999` (Infinity once parsed), a `__proto__` key, 3000 levels. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of `value`, with every RawJson written as its text. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof RawJson ? `\u0000RAW${raws.push(item.text) - 1}\u0000` : item));
  return (text ?? 'null').replace(/"\\u0000RAW(\d+)\\u0000"/g, (_match, index: string) => raws[Number(index)]);
}

/** An object's JSON text with one more key written first, whatever the key (`__proto__` included). */
function withKey(value: unknown, key: string, valueText: string): RawJson {
  const rest = value !== null && typeof value === 'object' && !Array.isArray(value) ? toJsonText(value).slice(1, -1) : '';
  return new RawJson(`{${JSON.stringify(key)}:${valueText}${rest ? `,${rest}` : ''}}`);
}

export const nested = (depth: number, open = '{"a":', close = '}'): RawJson => new RawJson(`${open.repeat(depth)}1${close.repeat(depth)}`);

// ---------------------------------------------------------------------------------------------
// Values

/** A field path for messages: `tasks[0].title`. */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '') || '(body)';
}

const looksLikeDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value);
const looksLikeDuration = (value: unknown) => (typeof value === 'string' && /^\d+[smhd]$/.test(value)) || (Array.isArray(value) && value.every((v) => typeof v === 'string' && /^(\d+[smhd]|0)$/.test(v)));
const looksLikeUrl = (name: string, value: unknown) => /url$/i.test(name) || (typeof value === 'string' && /^https?:\/\//.test(value));
const looksLikeEmail = (name: string, value: unknown) => /email|recipient/i.test(name) || (typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value));
const isDateName = (name: string) => /(At|deadline|From|To|from|to)$/.test(name);

/** What a field holds, judged from the document (format, example) and its name. */
export type FieldKind = 'uuid' | 'date' | 'duration' | 'url' | 'email' | 'pointer' | 'text';

export function fieldKind(schema: Schema, name: string): FieldKind {
  if (schema.format === 'uuid' || /Ids?$/.test(name)) return 'uuid';
  if (schema.format === 'date-time' || looksLikeDate(schema.example) || (schema.type === 'string' && isDateName(name))) return 'date';
  if (looksLikeDuration(schema.example)) return 'duration';
  if (looksLikeUrl(name, schema.example)) return 'url';
  if (looksLikeEmail(name, schema.example)) return 'email';
  if (/pointer$/i.test(name)) return 'pointer';
  return 'text';
}

export interface Mutation {
  label: string;
  value: unknown;
}

const m = (label: string, value: unknown): Mutation => ({ label, value });

/** Text no field should accept as is, or that it must at least survive. */
export function hostileStrings(maxLength: number | undefined): Mutation[] {
  return [
    m("''", ''),
    m("' '", '   '),
    m('NUL', 'a\u0000b'),
    m('BEL', 'ding\u0007'),
    m('ESC sequence', '\u001b[2J\u001b[31mred'),
    m('DEL', 'x\u007f'),
    m('C1 NEL', 'x\u0085y'),
    m('lone high surrogate', '\ud800'),
    m('lone low surrogate', 'x\udfffy'),
    m('reversed surrogates', '\udc00\ud800'),
    m('RTL override', '\u202etxt.exe'),
    m('zero-width', '\u200b\u200c\u200d\u2060'),
    m('BOM', '\ufeffx'),
    m('line break', 'a\nb'),
    m('carriage return', 'a\r\nb'),
    m('tab', 'a\tb'),
    m('line separator', 'a\u2028b\u2029c'),
    m('combining marks', `e${'\u0301'.repeat(500)}`),
    m('emoji x1000', '👍'.repeat(1_000)),
    m('astral', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{10FFFF}'),
    m('noncharacter', '\uFFFE\uFFFF'),
    m(`over maxLength (${(maxLength ?? 10_000) + 1})`, 'x'.repeat((maxLength ?? 10_000) + 1)),
    m('100k chars', 'y'.repeat(100_001)),
    m("'9' x30", '9'.repeat(30)),
    m("'NaN'", 'NaN'),
    m("'Infinity'", 'Infinity'),
    m("'-1'", '-1'),
    m("'1e308'", '1e308'),
    m("'true'", 'true'),
    m("'null'", 'null'),
    m("'__proto__'", '__proto__'),
    m("'constructor'", 'constructor'),
    m("'toString'", 'toString'),
    m("'hasOwnProperty'", 'hasOwnProperty'),
    m('SQL', "'; DROP TABLE units; --"),
    m('LIKE wildcards', '%_\\%'),
    m('format string', '%s%n%x{0}'),
    m('template', '${7*7}{{constructor.constructor("x")()}}'),
    m('HTML', '<img src=x onerror=alert(1)>'),
    m('path traversal', '../../../../etc/passwd'),
    m('formula', '=HYPERLINK("http://evil","x")'),
  ];
}

export function hostileDates(): Mutation[] {
  return [
    m('Feb 30', '2026-02-30'),
    m('Feb 30 with time', '2026-02-30T00:00:00Z'),
    m('month 13', '2026-13-01T00:00:00Z'),
    m('hour 25', '2026-12-01T25:61:61Z'),
    m('offset +99:99', '2026-12-01T00:00:00+99:99'),
    m('year 0000-00-00', '0000-00-00'),
    m('year 0', '0000-01-01T00:00:00Z'),
    m('max Date', '+275760-09-13T00:00:00Z'),
    m('past max Date', '+275760-09-13T00:00:00.001Z'),
    m('min Date', '-271821-04-20T00:00:00Z'),
    m('negative year', '-000001-01-01T00:00:00Z'),
    m('epoch', '1970-01-01T00:00:00Z'),
    m('9999-12-31', '9999-12-31T23:59:59.999Z'),
    m('year 10000', '10000-01-01T00:00:00Z'),
    m('no zone', '2027-01-01T00:00:00'),
    m('date only', '2027-01-01'),
    m('words', 'tomorrow'),
    m('timestamp string', '1798761600000'),
    m('timestamp number', 1_798_761_600_000),
    m('RFC 2822', 'Fri, 01 Jan 2027 00:00:00 GMT'),
    m('leap second', '2026-12-31T23:59:60Z'),
    m('nanoseconds', '2027-01-01T00:00:00.123456789Z'),
  ];
}

export function hostileUuids(random: Random, real?: string): Mutation[] {
  const uuid = real ?? random.uuid();
  return [
    m('nil uuid', '00000000-0000-0000-0000-000000000000'),
    m('max uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
    m('unknown uuid', random.uuid()),
    m('upper-case uuid', uuid.toUpperCase()),
    m('braced uuid', `{${uuid}}`),
    m('uuid without hyphens', uuid.replace(/-/g, '')),
    m('uuid + x', `${uuid}x`),
    m('uuid v1-shaped', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
    m('non-hex uuid', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'),
    m("'0'", '0'),
  ];
}

export function hostileDurations(): Mutation[] {
  return [
    m('99999999999d', '99999999999d'),
    m('-1d', '-1d'),
    m('0', '0'),
    m('0s', '0s'),
    m('P99999Y', 'P99999Y'),
    m('PT0.1S', 'PT0.1S'),
    m('P1Y2M', 'P1Y2M'),
    m('1.5d', '1.5d'),
    m('1e3s', '1e3s'),
    m("'d'", 'd'),
    m('2^53+1 s', '9007199254740993s'),
    m("'P'", 'P'),
    m("'PT'", 'PT'),
    m('P-1D', 'P-1D'),
  ];
}

export function hostileUrls(): Mutation[] {
  return [
    m('metadata IP', 'http://169.254.169.254/latest/meta-data/'),
    m('mapped metadata', 'http://[::ffff:169.254.169.254]/'),
    m('hex loopback', 'http://0x7f000001/'),
    m('file', 'file:///etc/passwd'),
    m('javascript', 'javascript:alert(1)'),
    m('gopher', 'gopher://127.0.0.1:25/_HELO'),
    m('port 0', 'http://127.0.0.1:0/'),
    m('port 99999', 'http://127.0.0.1:99999/'),
    m('credentials', 'http://user:pass@127.0.0.1:9/'),
    m('long host', `http://${'a'.repeat(300)}.vn/`),
    m('long path', `http://127.0.0.1:9/${'a'.repeat(100_000)}`),
    m('unclosed IPv6', 'http://[::1'),
    m('percent NUL host', 'http://%00/'),
    m('no scheme', '127.0.0.1:9/x'),
  ];
}

export function hostileEmails(): Mutation[] {
  return [
    m('no domain dot', 'a@b'),
    m('no at', 'not-an-email'),
    m('300-char local part', `${'x'.repeat(300)}@x.vn`),
    m('upper-case', 'ADMIN@TEST.DONDOC.VN'),
    m('quoted local part', '"a b"@x.vn'),
    m('IP literal', 'a@[127.0.0.1]'),
    m('two ats', 'a@b@c.vn'),
  ];
}

export function hostileNumbers(): Mutation[] {
  return [
    m('1e308', 1e308),
    m('-1e308', -1e308),
    m('-1', -1),
    m('0', 0),
    m('2^31', 2 ** 31),
    m('2^63', 2 ** 63),
    m('2^53+2', 2 ** 53 + 2),
    m('1.5', 1.5),
    m('5e-324', 5e-324),
    m('1e999 (Infinity)', new RawJson('1e999')),
    m('-1e999 (-Infinity)', new RawJson('-1e999')),
    m('1e-400 (0)', new RawJson('1e-400')),
    m("9 x30 literal", new RawJson('9'.repeat(30))),
    m('-0', new RawJson('-0')),
    m("'9' x30 string", '9'.repeat(30)),
    m("'NaN' string", 'NaN'),
    m("'42' string", '42'),
  ];
}

/** Values of the wrong JSON type for a schema. */
export function wrongTypes(schema: Schema): Mutation[] {
  const all: Record<string, Mutation> = {
    string: m('a string', 'x'),
    number: m('a number', 42),
    boolean: m('a boolean', true),
    object: m('an object', { x: 1 }),
    array: m('an array', ['x']),
    empty: m('empty array', []),
  };
  const type = schema.type === 'integer' ? 'number' : schema.type ?? 'string';
  return Object.entries(all)
    .filter(([kind]) => kind !== type && !(kind === 'empty' && type === 'array'))
    .map(([, mutation]) => mutation);
}

/** Every mutation of one field (its kind and type decide which). */
export function valueMutations(schema: Schema, name: string, current: unknown, random: Random): Mutation[] {
  const list: Mutation[] = [m('null', null), ...wrongTypes(schema)];
  list.push(m('40 levels deep', nested(40)), m('3000 levels deep', nested(3_000, '[', ']')), m('10k-item array', Array.from({ length: 10_000 }, () => (current === undefined ? 'x' : current))));
  if (schema.enum) {
    const first = String(schema.enum[0]);
    list.push(m('unknown enum value', 'NOT_A_VALUE'), m('enum value lower-case', first.toLowerCase()), m('enum value upper-case', first.toUpperCase()), m('enum + space', `${first} `), m('two enum values', schema.enum.slice(0, 2).join(',')), m("'__proto__'", '__proto__'), m("'constructor'", 'constructor'), m("'toString'", 'toString'));
  } else if (schema.type === 'number' || schema.type === 'integer') {
    list.push(...hostileNumbers());
    if (schema.maximum !== undefined) list.push(m('maximum + 1', schema.maximum + 1));
    if (schema.minimum !== undefined) list.push(m('minimum - 1', schema.minimum - 1));
  } else if (schema.type === 'boolean') {
    list.push(m("'false'", 'false'), m('0', 0), m("'yes'", 'yes'));
  } else if (isArraySchema(schema)) {
    const item = Array.isArray(current) ? (current[0] as unknown) : undefined;
    list.push(m('[null]', [null]), m('[[]]', [[]]), m('[{}]', [{}]), m('duplicates', item === undefined ? ['x', 'x'] : [item, item]), m('1000 empty strings', Array.from({ length: 1_000 }, () => '')));
  } else if (!isObjectSchema(schema)) {
    const kind = fieldKind(schema, name);
    if (kind === 'uuid') list.push(...hostileUuids(random, typeof current === 'string' ? current : undefined));
    if (kind === 'date') list.push(...hostileDates());
    if (kind === 'duration') list.push(...hostileDurations());
    if (kind === 'url') list.push(...hostileUrls());
    if (kind === 'email') list.push(...hostileEmails());
    if (kind === 'pointer') list.push(m('pointer ~2', '/a~2b'), m('pointer deep', '/a'.repeat(5_000)), m('pointer to __proto__', '/__proto__/polluted'), m('no leading slash', 'a/b'));
    list.push(...hostileStrings(schema.maxLength));
  } else {
    list.push(m('empty object', {}));
  }
  return list;
}

/** Keys added to an object: inherited names, unknown ones, broken text as a key. */
export function hostileKeys(): { label: string; key: string; value: string }[] {
  return [
    { label: '__proto__ key', key: '__proto__', value: '{"polluted":true}' },
    { label: 'constructor key', key: 'constructor', value: '{"prototype":{"polluted":true}}' },
    { label: 'toString key', key: 'toString', value: '"x"' },
    { label: 'hasOwnProperty key', key: 'hasOwnProperty', value: '1' },
    { label: 'prototype key', key: 'prototype', value: '{}' },
    { label: 'unknown key', key: 'zzUnknownField', value: '1' },
    { label: 'empty key', key: '', value: '1' },
    { label: 'NUL in key', key: 'a\u0000b', value: '1' },
    { label: 'surrogate key', key: '\ud800', value: '1' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Bodies

type Path = (string | number)[];

export function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), root);
}

/** A copy of `root` with `value` at `path` (the containers on the way exist already). */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const node = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  node[key] = setAt(node[key], rest, value);
  return node;
}

export function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 1) {
    const copy = { ...(root as Record<string, unknown>) };
    delete copy[path[0] as string];
    return copy;
  }
  const [key, ...rest] = path;
  const node = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  node[key] = deleteAt(node[key], rest);
  return node;
}

/** What a baseline uses for a field: a value known to the suite (real ids, unique codes), or none. */
export type Known = (name: string, path: Path) => { value: unknown } | undefined;

/**
 * A plausible value for a schema: the suite's known value for the field, else its example,
 * default or first enum value, else one of its type. Objects get their required properties and
 * the optional ones the suite knows.
 */
export function baselineOf(doc: OpenApiDocument, raw: Schema, name: string, path: Path, known: Known, random: Random): unknown {
  const hit = known(name, path);
  if (hit) return hit.value;
  const schema = resolveSchema(doc, raw);
  if (isObjectSchema(schema)) {
    const value: Record<string, unknown> = {};
    for (const [prop, propSchema] of Object.entries(schema.properties!)) {
      const required = schema.required?.includes(prop) ?? false;
      const knownValue = known(prop, [...path, prop]);
      if (knownValue) {
        if (knownValue.value !== undefined) value[prop] = knownValue.value;
      } else if (required) value[prop] = baselineOf(doc, propSchema, prop, [...path, prop], known, random);
    }
    return value;
  }
  if (isArraySchema(schema)) {
    if (schema.example !== undefined) return schema.example;
    return [baselineOf(doc, schema.items ?? {}, name, [...path, 0], known, random)];
  }
  if (schema.enum) return schema.enum[0];
  if (schema.example !== undefined && !looksLikeDate(schema.example)) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.type === 'number' || schema.type === 'integer') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'object') return schema.nullable ? null : {};
  switch (fieldKind(schema, name)) {
    case 'uuid':
      return random.uuid();
    case 'date':
      return new Date(Date.now() + 7 * 86_400_000).toISOString();
    case 'url':
      return 'http://127.0.0.1:9/fuzz';
    case 'email':
      return `fuzz.${random.uuid().slice(0, 8)}@fuzz.gov.vn`;
    default:
      return `Giá trị ${name}`;
  }
}

export interface BodyMutation {
  /** The field it changes, for spreading the budget evenly. */
  field: string;
  label: string;
  body: unknown;
}

/**
 * One field at a time: every value mutation of every field (nested objects and the first item of
 * arrays included), each required field left out, and hostile keys added to every object.
 */
export function bodyMutations(doc: OpenApiDocument, rootSchema: Schema, baseline: unknown, known: Known, random: Random): BodyMutation[] {
  const out: BodyMutation[] = [];
  const walk = (raw: Schema, root: unknown, path: Path, name: string, depth: number) => {
    const schema = resolveSchema(doc, raw);
    const field = formatPath(path);
    const current = getAt(root, path);
    for (const mutation of valueMutations(schema, name, current, random)) out.push({ field, label: `${field} = ${mutation.label}`, body: setAt(root, path, mutation.value) });
    if (depth > 6) return;
    if (isObjectSchema(schema)) {
      const object = (current !== null && typeof current === 'object' ? current : {}) as Record<string, unknown>;
      for (const key of hostileKeys()) out.push({ field, label: `${field} + ${key.label}`, body: setAt(root, path, withKey(object, key.key, key.value)) });
      for (const [prop, propSchema] of Object.entries(schema.properties!)) {
        const propPath = [...path, prop];
        if (schema.required?.includes(prop) && object[prop] !== undefined) out.push({ field: formatPath(propPath), label: `${formatPath(propPath)} missing`, body: deleteAt(root, propPath) });
        // An optional field the baseline leaves out is mutated in a body that has it.
        const variant = object[prop] === undefined ? setAt(root, propPath, baselineOf(doc, propSchema, prop, propPath, known, random)) : root;
        walk(propSchema, variant, propPath, prop, depth + 1);
      }
    } else if (isArraySchema(schema) && schema.items) {
      const items = Array.isArray(current) && current.length > 0 ? current : [baselineOf(doc, schema.items, name, [...path, 0], known, random)];
      walk(schema.items, setAt(root, path, items), [...path, 0], name, depth + 1);
    }
  };
  walk(rootSchema, baseline, [], '', 0);
  return out;
}

/** Whole bodies no route accepts, as raw text with the content type to send. */
export function hostileRawBodies(): { label: string; contentType: string; raw: string | Buffer }[] {
  const json = 'application/json';
  return [
    { label: 'empty JSON body', contentType: json, raw: '' },
    { label: 'not JSON', contentType: json, raw: 'not json' },
    { label: 'truncated JSON', contentType: json, raw: '{"a":' },
    { label: 'trailing comma', contentType: json, raw: '{"a":1,}' },
    { label: 'JSON null', contentType: json, raw: 'null' },
    { label: 'JSON string', contentType: json, raw: '"x"' },
    { label: 'JSON number', contentType: json, raw: '42' },
    { label: 'JSON array', contentType: json, raw: '[]' },
    { label: 'array of objects', contentType: json, raw: '[{"a":1}]' },
    { label: 'duplicate keys', contentType: json, raw: '{"a":1,"a":2}' },
    { label: '3000 levels deep', contentType: json, raw: nested(3_000).text },
    { label: '40 levels deep', contentType: json, raw: nested(40).text },
    { label: 'invalid UTF-8', contentType: json, raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
    { label: 'UTF-8 BOM', contentType: json, raw: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]) },
    { label: 'CESU surrogate bytes', contentType: json, raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]) },
    { label: 'over 1 MB', contentType: json, raw: `{"a":"${'x'.repeat(1_100_000)}"}` },
    { label: '__proto__ only', contentType: json, raw: '{"__proto__":{"polluted":true}}' },
    { label: 'text/plain', contentType: 'text/plain', raw: 'hello' },
    { label: 'XML', contentType: 'application/xml', raw: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
    { label: 'charset utf-16', contentType: 'application/json; charset=utf-16', raw: '{}' },
    { label: 'charset unknown', contentType: 'application/json; charset=x-nope', raw: '{}' },
    { label: 'urlencoded', contentType: 'application/x-www-form-urlencoded', raw: 'a=1&a=2&b[c]=3' },
    { label: 'urlencoded 20 params', contentType: 'application/x-www-form-urlencoded', raw: Array.from({ length: 20 }, (_, i) => `p${i}=1`).join('&') },
    { label: 'urlencoded NUL', contentType: 'application/x-www-form-urlencoded', raw: 'token=%00&newPassword=%ED%A0%80' },
    { label: 'multipart without boundary', contentType: 'multipart/form-data', raw: 'x' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Query and path parameters (already percent-encoded)

export function oddQueryValues(schema: Schema, name: string, random: Random): string[] {
  const values = ['', '%00', '%01', '%ED%A0%80', '%ff', '%E2%80%AE', 'x'.repeat(5_000), encodeURIComponent("'; --"), '__proto__', 'constructor'];
  if (schema.type === 'number' || schema.type === 'integer') values.push('0', '-1', 'abc', '1.5', '1e3', '9'.repeat(20), 'NaN', 'Infinity', '0x10', '+1', '%201', '2147483648');
  else if (schema.type === 'boolean') values.push('yes', '1', 'TRUE', 'null');
  else if (schema.enum) values.push('NOT_A_VALUE', String(schema.enum[0]).toLowerCase(), `${String(schema.enum[0])}%20`, 'toString');
  else if (schema.format === 'uuid' || /Id$/.test(name)) values.push('null', '0', '00000000-0000-0000-0000-000000000000', random.uuid().toUpperCase(), 'a'.repeat(300));
  else if (schema.format === 'date-time') values.push('2026-02-30', '%2B275760-09-13T00%3A00%3A00Z', '0000-00-00', '-271821-04-20T00:00:00Z', 'tomorrow', '1798761600000');
  else values.push('%25', '_', '%5C', '*', 'x%0Ay', '%F0%9F%91%8D'.repeat(500));
  return values;
}

export function oddPathValues(real: string | undefined, random: Random): string[] {
  const values = ['0', '-1', 'null', 'undefined', '%00', '%ff', '%ED%A0%80', '%E2%80%AE', '%20', 'a'.repeat(300), 'b'.repeat(4_000), '..%2F..', '..', '%2e%2e', random.uuid(), '00000000-0000-0000-0000-000000000000', '__proto__', 'constructor', '1e308', '%7B%7D', 'E1%00', 'P99999999999'];
  if (real) values.push(real.toUpperCase(), `${real}%00`, `${real}x`, encodeURIComponent(`{${real}}`));
  return values;
}
