import ExcelJS from 'exceljs';
import { buildOrganisation, createUnits, signIn, type Organisation } from './factories/organisation.factory';
import { fastTemplate } from './factories/task.factory';
import { UserFactory } from './factories/user.factory';
import { eventually } from './helpers/eventually';
import { latestPasswordToken } from './helpers/mail-links';
import {
  baselineOf,
  bodyMutations,
  hostileRawBodies,
  hostileStrings,
  nested,
  oddPathValues,
  oddQueryValues,
  operationsOf,
  Random,
  resolveSchema,
  toJsonText,
  type Known,
  type OpenApiDocument,
  type Operation,
} from './helpers/openapi-fuzz';
import { getTask, type TimelineEntry } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Keep it closed: hostile requests generated from the OpenAPI document, so a new route is fuzzed
 * without editing this suite. Every write route gets malformed bodies one field at a time,
 * every route with query parameters odd values, every path parameter odd ids; a sample runs
 * again as an officer and without a token. Whatever is sent, the API answers: no 5xx, every
 * error is the documented JSON, row counts change only by accepted requests, and every task
 * the requests touched still answers an action and still records its timers afterwards.
 *
 * Deterministic for a seed (FUZZ_SEED); FUZZ_SCALE multiplies the budget for a deeper run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

/** Tables whose row counts are watched, by the first path segment of the routes that write them. */
const COUNTED: Record<string, string> = { units: 'units', users: 'users', templates: 'task_templates', tasks: 'tasks' };

/** Routes that end the session (or its siblings) of the token they are sent with: they get a throwaway user's own. */
const SESSION_ENDING = ['POST /api/auth/logout', 'POST /api/auth/logout-all', 'POST /api/auth/password'];

type Who = 'admin' | 'officer' | 'head' | 'anonymous';

interface Call {
  route: string;
  label: string;
  method: string;
  url: string;
  json?: unknown;
  raw?: { contentType: string; data: string | Buffer };
  files?: { field: string; name: string; content: Buffer; contentType?: string }[];
  headers?: Record<string, string>;
  /** undefined: the caller's token. */
  token?: string | null;
}

interface Answer {
  status: number;
  type: string;
  body: any;
  text: string;
  requestId: string | undefined;
}

const excerpt = (value: unknown, max = 160): string => {
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? `<${value.length} bytes>` : toJsonText(value);
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
};

/** A form body, percent-encoded byte by byte (a lone surrogate stays what Node makes of it). */
const formEncode = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([key, value]) => `${encodeURIComponent(key)}=${[...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`)
    .join('&');

const csv = (rows: string[][]): Buffer => Buffer.from(rows.map((cells) => cells.map((c) => (/[",;\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'), 'utf8');

describe('Fuzz: every route of the OpenAPI document with hostile input', () => {
  let stack: TestStack;
  let org: Organisation;
  let doc: OpenApiDocument;
  let operations: Operation[];
  const random = new Random(SEED);
  const tokens: Record<Who, string | null> = { admin: null, officer: null, head: null, anonymous: null };
  let sequence = 0;
  const unique = () => (sequence++).toString(36).toUpperCase();

  // What baselines use.
  const world = {
    fuzzUnitId: '',
    fuzzUnitCode: 'FUZZ-UNIT',
    patchUserId: '',
    login: { email: 'fuzz.login@fuzz.gov.vn', password: 'Fuzz-login-password-2026' },
    refreshToken: '',
    resetToken: '',
    formToken: '',
    password: { email: 'fuzz.password@fuzz.gov.vn', password: 'Fuzz-change-password-2026', token: '' },
    logoutToken: '',
    /** The task each task route acts on, and the ids of what it has pending. */
    taskOf: new Map<string, { id: string; sub?: string }>(),
    /** Tasks created by accepted requests. */
    createdTasks: new Set<string>(),
    /** Tasks an accepted request acted on (they may have been closed by it). */
    acceptedOn: new Set<string>(),
    /** Ids returned by accepted creations, by collection (a route's `{id}` when nothing better is known). */
    created: new Map<string, string>(),
  };

  // What happened.
  const failures: string[] = [];
  const stats = { requests: 0, byStatus: new Map<number, number>(), accepted: new Map<string, number>(), routes: new Set<string>(), time: new Map<string, { n: number; ms: number }>() };
  const setupDelta: Record<string, number> = {};
  let lastCounts: Record<string, number> = {};
  let initialCounts: Record<string, number> = {};
  const acceptedDelta: Record<string, number> = {};

  const counts = async (): Promise<Record<string, number>> => {
    const tables = Object.values(COUNTED);
    const [row] = await stack.dataSource.query<Record<string, string>[]>(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`);
    return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
  };

  /** Work outside the fuzzing (preparing a task): its row changes are the setup's, not a request's. */
  const arrange = async <T>(work: () => Promise<T>): Promise<T> => {
    const result = await work();
    const now = await counts();
    for (const table of Object.keys(now)) setupDelta[table] = (setupDelta[table] ?? 0) + now[table] - lastCounts[table];
    lastCounts = now;
    return result;
  };

  /** `tasks` for `POST /api/tasks/{id}/cancel`. */
  const familyOf = (path: string) => path.split('/')[2] ?? '';
  const familyOfRoute = (route: string) => familyOf(route.split(' ')[1]);

  /** Sends one call and checks the answer; every problem is collected, none stops the run. */
  async function send(call: Call, who: Who, html = false): Promise<Answer | undefined> {
    const requestId = `fuzz-${String(stats.requests).padStart(6, '0')}`;
    stats.requests += 1;
    stats.routes.add(call.route);
    const token = call.token === undefined ? tokens[who] : call.token;
    const method = call.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = stack.http()[method](call.url).set('X-Request-Id', requestId).timeout({ response: 30_000, deadline: 60_000 });
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
    if (call.json !== undefined) req = req.set('Content-Type', 'application/json').send(toJsonText(call.json));
    else if (call.raw) req = req.set('Content-Type', call.raw.contentType).send(call.raw.data as string);
    else if (call.files) for (const file of call.files) req = req.attach(file.field, file.content, { filename: file.name, contentType: file.contentType ?? 'application/octet-stream' });
    const sent = `${call.route} [${call.label}] as ${who}: ${call.method} ${excerpt(call.url, 120)}${call.json !== undefined ? ` ${excerpt(call.json)}` : call.raw ? ` ${excerpt(call.raw.data)}` : ''}`;
    let answer: Answer;
    const sentAt = Date.now();
    try {
      const res = await req;
      answer = { status: res.status, type: String(res.headers['content-type'] ?? ''), body: res.body, text: res.text ?? '', requestId: res.headers['x-request-id'] };
    } catch (error) {
      const res = (error as { response?: { status: number; headers: Record<string, string>; body: unknown; text: string } }).response;
      if (!res) {
        failures.push(`${sent} → no answer (${(error as Error).message})`);
        return undefined;
      }
      answer = { status: res.status, type: String(res.headers['content-type'] ?? ''), body: res.body, text: res.text ?? '', requestId: res.headers['x-request-id'] };
    }
    stats.byStatus.set(answer.status, (stats.byStatus.get(answer.status) ?? 0) + 1);
    const time = stats.time.get(call.route) ?? { n: 0, ms: 0 };
    stats.time.set(call.route, { n: time.n + 1, ms: time.ms + Date.now() - sentAt });
    const problem = judge(answer, requestId, html);
    if (problem) failures.push(`${sent} → ${answer.status} ${problem}: ${excerpt(answer.text, 400)}`);

    // Row counts change only by an accepted write of the routes that own the table.
    const now = await counts();
    const accepted = answer.status >= 200 && answer.status < 300 && call.method !== 'GET';
    const ownFamily = familyOfRoute(call.route);
    if (accepted) stats.accepted.set(ownFamily, (stats.accepted.get(ownFamily) ?? 0) + 1);
    for (const [family, table] of Object.entries(COUNTED)) {
      const delta = now[table] - lastCounts[table];
      if (delta === 0) continue;
      if (accepted && ownFamily === family) acceptedDelta[table] = (acceptedDelta[table] ?? 0) + delta;
      else failures.push(`${sent} → ${answer.status}, yet ${table} went from ${lastCounts[table]} to ${now[table]} rows`);
    }
    lastCounts = now;
    if (accepted && answer.body && typeof answer.body.id === 'string') world.created.set(ownFamily, answer.body.id as string);
    if (accepted && ownFamily === 'tasks') {
      world.acceptedOn.add(call.url.split(/[/?]/)[3] ?? '');
      for (const task of [answer.body, ...((answer.body?.tasks as unknown[]) ?? [])] as { id?: unknown; status?: unknown }[]) {
        if (call.method === 'POST' && typeof task?.id === 'string' && typeof task.status === 'string' && !call.route.includes('{')) world.createdTasks.add(task.id);
      }
    }
    if (accepted && process.env.FUZZ_TRACE) process.stdout.write(`  accepted: ${sent.slice(0, 300)}\n`);
    return answer;
  }

  /** The reason an answer breaks the contract, or null. */
  function judge(answer: Answer, requestId: string, html: boolean): string | null {
    if (answer.status >= 500) return 'server error';
    if (answer.requestId !== requestId) return `X-Request-Id ${answer.requestId} instead of ${requestId}`;
    if (answer.status < 400) return null;
    if (html && answer.type.startsWith('text/html')) return null;
    if (!answer.type.startsWith('application/json')) return `error answered as ${answer.type || 'no content type'}`;
    const body = answer.body as Record<string, unknown>;
    const extra = Object.keys(body ?? {}).filter((key) => !['statusCode', 'code', 'message', 'errors', 'details', 'requestId'].includes(key));
    if (extra.length) return `undocumented error fields ${extra.join(', ')}`;
    if (body.statusCode !== answer.status) return `statusCode ${String(body.statusCode)}`;
    if (typeof body.code !== 'string' || !/^[A-Z_]+$/.test(body.code)) return 'no error code';
    if (typeof body.message !== 'string' || !body.message.trim()) return 'no message';
    if (body.requestId !== requestId) return 'requestId missing from the body';
    if (body.details !== undefined && (typeof body.details !== 'object' || body.details === null || Array.isArray(body.details))) return 'details not an object';
    if (body.errors !== undefined) {
      if (!Array.isArray(body.errors) || body.errors.length === 0) return 'errors not a list';
      for (const e of body.errors as Record<string, unknown>[]) {
        const keys = Object.keys(e).filter((key) => !['row', 'field', 'rule', 'message'].includes(key));
        if (keys.length || typeof e.field !== 'string' || typeof e.rule !== 'string' || !e.rule || typeof e.message !== 'string' || !e.message.trim()) return `malformed errors[] item ${JSON.stringify(e)}`;
        if (e.row !== undefined && typeof e.row !== 'number') return 'errors[].row not a number';
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Baselines: the values a route accepts, as far as the suite knows them.

  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

  function knownFor(op: Operation): Known {
    const auth = op.path.startsWith('/api/auth/');
    return (name, path) => {
      const value = (v: unknown) => ({ value: v });
      const inside = (segment: string) => path.includes(segment);
      switch (name) {
        case 'code':
          return value(`FZ-${unique()}`);
        case 'key':
          return value(`fuzz-${unique().toLowerCase()}`);
        case 'email':
          return value(auth ? world.login.email : `fuzz.${unique().toLowerCase()}@fuzz.gov.vn`);
        case 'password':
          return value(world.login.password);
        case 'refreshToken':
          return value(world.refreshToken);
        case 'token':
          return value(op.path.endsWith('/form') ? world.formToken : world.resetToken);
        case 'newPassword':
        case 'confirmPassword':
          return value('Fuzz-new-password-2026');
        case 'currentPassword':
          return value(world.password.password);
        case 'parentId':
          return value(org.unitIds.HP);
        case 'unitId':
          return value(world.fuzzUnitId);
        case 'leadUnitId':
          return value(org.unitIds['HP-X001']);
        case 'roles':
          return value(['OFFICER']);
        case 'sendInvitation':
          return value(false);
        case 'templateKey':
          return value('fuzz-task');
        case 'decider':
          return inside('levels') ? value({ type: 'PARENT_HEAD' }) : undefined;
        case 'dueAt':
          return value(inSeconds(3_600));
        case 'newDueAt':
          return value(inSeconds(12));
        case 'deadline':
          return value(inSeconds(3_600));
        case 'periodFrom':
          return value(inSeconds(-30 * 86_400));
        case 'periodTo':
          return value(inSeconds(-86_400));
        case 'operatingProduct':
          return { value: { url: 'http://127.0.0.1:9/fuzz' } };
        case 'nameEn':
          return value('Fuzz');
        case 'comment':
          return value('Ý kiến thử nghiệm');
        default:
          return undefined;
      }
    };
  }

  /** The value of a path parameter in a request that should reach the route's logic. */
  async function pathValue(op: Operation, name: string): Promise<string> {
    const family = familyOf(op.path);
    if (family === 'tasks') {
      const task = world.taskOf.get(op.route);
      if (task) return name === 'id' ? task.id : task.sub ?? 'X1';
    }
    if (family === 'units' && name === 'id') return world.fuzzUnitId;
    if (family === 'users' && name === 'id') return world.patchUserId;
    if (family === 'templates' && name === 'key') return 'fuzz-tpl';
    if (name === 'version') return '1';
    const created = world.created.get(family);
    if (created) return created;
    // A list of the collection gives a real one.
    const list = await stack.http().get(`/api/${family}`).set('Authorization', `Bearer ${tokens.admin}`);
    const first = (list.body?.items as { id?: string }[] | undefined)?.[0]?.id;
    return first ?? random.uuid();
  }

  const fill = (op: Operation, values: Record<string, string>) => op.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name]);

  /** What a task route's second id names (`extension-requests` for `…/extension-requests/{requestId}/…`). */
  const subKind = (op: Operation): string | undefined => {
    const segments = op.path.split('/');
    const sub = segments.findIndex((s) => /^\{(?!id\})/.test(s));
    return sub > 0 ? segments[sub - 1] : undefined;
  };

  /**
   * A task for a task route, prepared so that its `{requestId}` names something pending. The
   * assignment is done now; `ready` resolves once what the timers must bring (an escalation
   * proposal) is there.
   */
  async function prepareTask(op: Operation): Promise<{ ready: Promise<Error | undefined> }> {
    if (!op.path.startsWith('/api/tasks/{id}')) return { ready: Promise.resolve(undefined) };
    const kind = subKind(op);
    const escalating = kind === 'escalations';
    return arrange(async () => {
      const assigned = await stack
        .http()
        .post('/api/tasks')
        .set('Authorization', `Bearer ${tokens.admin}`)
        .send({ title: `Nhiệm vụ thử ${op.route}`, templateKey: escalating ? 'fuzz-fast' : 'fuzz-task', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueAt: inSeconds(escalating ? 2 : 12) });
      if (assigned.status !== 201) throw new Error(`assigning a task for ${op.route}: ${assigned.status} ${assigned.text}`);
      const id = assigned.body.id as string;
      const act = async (who: Who, path: string, body: object) => {
        const res = await stack.http().post(`/api/tasks/${id}/${path}`).set('Authorization', `Bearer ${tokens[who]}`).send(body);
        if (res.status !== 200) throw new Error(`preparing ${op.route} (${path}): ${res.status} ${res.text}`);
        return res.body as { pending: Record<string, { id: string }[]> };
      };
      let subId: string | undefined;
      if (kind === 'extension-requests') subId = (await act('officer', 'extension-requests', { newDueAt: inSeconds(12), reason: 'Cần thêm thời gian' })).pending.extensions[0].id;
      if (kind === 'explanation-requests') subId = (await act('admin', 'explanation-requests', { question: 'Vì sao chậm?', deadline: inSeconds(3_600) })).pending.explanations[0].id;
      if (kind === 'beyond-authority') subId = (await act('officer', 'beyond-authority', { reason: 'Vượt thẩm quyền' })).pending.beyondAuthority[0].id;
      world.taskOf.set(op.route, { id, sub: subId });
      if (!escalating) return { ready: Promise.resolve(undefined) };
      // Due in two seconds, the fast template proposes level 2 two seconds later: waited for while other routes run.
      const proposed = eventually(async () => {
        const task = await getTask(stack, tokens.admin!, id);
        const proposal = (task.pending.escalations as { id: string }[])[0];
        if (!proposal) throw new Error(`no escalation proposed yet for ${id}`);
        world.taskOf.set(op.route, { id, sub: proposal.id });
      }, 30_000);
      // A failure is kept as a value until the route's turn comes, and thrown there.
      return { ready: proposed.then(() => undefined, (error: Error) => error) };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The calls for one route

  interface Plan {
    op: Operation;
    baseline: Call;
    variants: Call[];
  }

  /** Spreads `budget` over the groups (one per field or parameter): round-robin, each group in its own order. */
  function spread<T>(groups: T[][], budget: number): T[] {
    const queues = groups.map((g) => [...g]);
    const picked: T[] = [];
    while (picked.length < budget && queues.some((q) => q.length > 0)) {
      for (const queue of queues) if (queue.length > 0 && picked.length < budget) picked.push(queue.shift()!);
    }
    return picked;
  }

  async function planFor(op: Operation): Promise<Plan> {
    const params = Object.fromEntries(await Promise.all(op.parameters.filter((p) => p.in === 'path').map(async (p) => [p.name, await pathValue(op, p.name)] as const)));
    const url = fill(op, params);
    const known = knownFor(op);
    const call = (label: string, extra: Partial<Call>): Call => ({ route: op.route, label, method: op.method, url, ...extra });
    const variants: Call[] = [];
    let baseline = call('baseline', {});
    // Whole bodies no route accepts: the same parsers and guards run for every route, so each gets a share.
    const rawBodies = () => random.sample(hostileRawBodies(), Math.round(SCALE * 10)).map((raw) => call(`raw: ${raw.label}`, { raw: { contentType: raw.contentType, data: raw.raw } }));

    const body = op.body;
    if (body?.contentType === 'application/json') {
      const schema = resolveSchema(doc, body.schema);
      const value = baselineOf(doc, schema, '', [], known, random);
      baseline = call('baseline', { json: value });
      const mutations = bodyMutations(doc, schema, value, known, random);
      const byField = new Map<string, Call[]>();
      for (const mutation of mutations) {
        const list = byField.get(mutation.field) ?? [];
        list.push(call(mutation.label, { json: mutation.body }));
        byField.set(mutation.field, list);
      }
      // null and a missing value first for each field, the rest in a random order.
      const groups = [...byField.values()].map((list) => {
        const [firsts, rest] = [list.filter((c) => / = null$| missing$/.test(c.label)), list.filter((c) => !/ = null$| missing$/.test(c.label))];
        return [...firsts, ...random.shuffle(rest)];
      });
      const budget = Math.round(SCALE * Math.min(120, Math.max(40, 30 + 4 * groups.length)));
      variants.push(...spread(groups, budget));
      variants.push(...rawBodies());
    } else if (body?.contentType === 'application/x-www-form-urlencoded') {
      const schema = resolveSchema(doc, body.schema);
      const fields = baselineOf(doc, schema, '', [], known, random) as Record<string, string>;
      for (const name of Object.keys(schema.properties ?? {})) fields[name] ??= String(baselineOf(doc, schema.properties![name], name, [name], known, random));
      const form = (label: string, data: string) => call(label, { raw: { contentType: 'application/x-www-form-urlencoded', data } });
      baseline = form('baseline', formEncode(fields));
      const groups = Object.keys(fields).map((name) => {
        const { [name]: _dropped, ...without } = fields;
        return [
          form(`${name} missing`, formEncode(without)),
          form(`${name} twice`, `${formEncode(fields)}&${encodeURIComponent(name)}=x`),
          form(`${name}[] nested`, `${formEncode(without)}&${encodeURIComponent(name)}%5Bx%5D=1`),
          form(`${name} = CESU surrogate`, `${formEncode(without)}&${encodeURIComponent(name)}=%ED%A0%80`),
          form(`${name} = invalid percent`, `${formEncode(without)}&${encodeURIComponent(name)}=%ZZ`),
          ...random.shuffle(hostileStrings(undefined)).map((m) => form(`${name} = ${m.label}`, formEncode({ ...fields, [name]: m.value as string }))),
        ];
      });
      variants.push(...spread(groups, Math.round(SCALE * 50)));
      variants.push(...rawBodies());
    } else if (body?.contentType === 'multipart/form-data') {
      const columns = /columns ([a-z_, ]+)/.exec(op.summary)?.[1].split(',').map((c) => c.trim()).filter(Boolean) ?? ['a', 'b'];
      const cell = (column: string): string => {
        const values: Record<string, string> = { code: `FZ-${unique()}`, name_vi: 'Đơn vị nhập thử', name_en: 'Imported', level: 'commune', parent_code: 'HP', active: 'true', email: `nhap.${unique().toLowerCase()}@fuzz.gov.vn`, name: 'Người nhập thử', phone: '0900000000', language: 'vi', unit_code: world.fuzzUnitCode, roles: 'OFFICER' };
        return values[column] ?? 'x';
      };
      const row = () => columns.map(cell);
      const file = (label: string, content: Buffer, name = 'fuzz.csv', field = 'file', contentType = 'text/csv') => call(label, { files: [{ field, name, content, contentType }] });
      baseline = file('baseline', csv([columns, row()]));
      const xlsx = async (cells: unknown[][], tweak?: (sheet: ExcelJS.Worksheet) => void) => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('data');
        for (const cells_ of cells) sheet.addRow(cells_);
        tweak?.(sheet);
        return Buffer.from(await workbook.xlsx.writeBuffer());
      };
      const cellGroups = columns.map((column, index) =>
        random.sample(hostileStrings(undefined), 12).map((m) => {
          const r = row();
          r[index] = m.value as string;
          return file(`cell ${column} = ${m.label}`, csv([columns, r]));
        }),
      );
      variants.push(...spread(cellGroups, Math.round(SCALE * 50)));
      const dateCell = await xlsx([columns, row()], (sheet) => {
        const target = sheet.getCell('A2');
        target.value = 1e20;
        target.numFmt = 'yyyy-mm-dd';
      });
      variants.push(
        call('no file', { raw: { contentType: 'multipart/form-data; boundary=x', data: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--x--\r\n' } }),
        file('wrong field name', csv([columns, row()]), 'fuzz.csv', 'upload'),
        call('two files', { files: [{ field: 'file', name: 'a.csv', content: csv([columns, row()]) }, { field: 'file', name: 'b.csv', content: csv([columns, row()]) }] }),
        call('truncated multipart', { raw: { contentType: 'multipart/form-data; boundary=x', data: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\ncode' } }),
        file('empty file', Buffer.alloc(0)),
        file('header only', csv([columns])),
        file('unknown columns', csv([['zz', 'yy'], ['1', '2']])),
        file('__proto__ and constructor columns', csv([[...columns, '__proto__', 'constructor', 'toString'], [...row(), 'x', 'y', 'z']])),
        file('duplicate columns', csv([[...columns, columns[0]], [...row(), 'again']])),
        file('invalid UTF-8', Buffer.concat([csv([columns]), Buffer.from([0x0a, 0xff, 0xfe, 0x2c, 0xc3])])),
        file('CESU surrogate bytes', Buffer.concat([csv([columns]), Buffer.from('\n'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(',x')])),
        file('unbalanced quote', Buffer.from(`${columns.join(',')}\n"abc,def\n`)),
        file('semicolons', Buffer.from(`${columns.join(';')}\n${row().join(';')}\n`)),
        file('10k columns', csv([columns, [...row(), ...Array.from({ length: 10_000 }, () => 'x')]])),
        file('100k-char cell', csv([columns, row().map((c, i) => (i === 1 ? 'z'.repeat(100_000) : c))])),
        file('20k rows, all wrong', csv([columns, ...Array.from({ length: 20_000 }, () => columns.map(() => '\u0001'))])),
        file('only blank lines', Buffer.from('\n\n\n\n')),
        file('NUL bytes', Buffer.from(`${columns.join(',')}\n\u0000\u0000,\u0000\n`)),
        file('xlsx that is not a zip', Buffer.from('PK\u0003\u0004 not really a zip'), 'fuzz.xlsx', 'file', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        file('xlsx of random bytes', Buffer.from(Array.from({ length: 4_096 }, () => random.int(256))), 'fuzz.xlsx'),
        file('xlsx with a formula, an error and a rich text', await xlsx([columns, row()], (sheet) => {
          sheet.getCell('A2').value = { formula: 'HYPERLINK("http://evil","x")', result: undefined };
          sheet.getCell('B2').value = { error: '#N/A' };
          sheet.getCell('C2').value = { richText: [{ text: 'a\u0000' }, { text: '\ud800' }] };
        }), 'fuzz.xlsx'),
        file('xlsx with a date beyond any calendar', dateCell, 'fuzz.xlsx'),
        file('xlsx with a row at 1048576', await xlsx([columns, row()], (sheet) => {
          sheet.getRow(1_048_576).values = row();
        }), 'fuzz.xlsx'),
        file('no extension', csv([columns, row()]), 'fuzz', 'file', 'application/octet-stream'),
        file('path traversal name', csv([columns, row()]), '../../../etc/passwd.csv'),
        file('300-char name', csv([columns, row()]), `${'n'.repeat(300)}.csv`),
        file('RTL override name', csv([columns, row()]), 'fuzz\u202evsc.exe'),
      );
    } else if (op.method !== 'GET') {
      // Routes that read no body: what the input guard refuses before any route runs.
      for (const [label, data] of [['3000 levels deep', nested(3_000).text], ['__proto__ key', '{"__proto__":{"polluted":true}}'], ['NUL', '{"a":"\\u0000"}'], ['not JSON', '{'], ['over 1 MB', `"${'x'.repeat(1_100_000)}"`]] as const) {
        variants.push(call(`raw: ${label}`, { raw: { contentType: 'application/json', data } }));
      }
    }

    // Query parameters: odd values for each, repeated keys, unknown ones, a broken `lang`.
    const query = op.parameters.filter((p) => p.in === 'query');
    const withQuery = (label: string, q: string) => ({ ...baseline, label, url: `${url}${url.includes('?') ? '&' : '?'}${q}` });
    if (query.length > 0) {
      const groups = query.map((p) => {
        const schema = resolveSchema(doc, p.schema);
        return [withQuery(`${p.name} twice`, `${p.name}=1&${p.name}=2`), ...random.shuffle(oddQueryValues(schema, p.name, random)).map((v) => withQuery(`${p.name}=${excerpt(v, 40)}`, `${p.name}=${v}`))];
      });
      variants.push(...spread(groups, Math.round(SCALE * Math.min(48, 8 * query.length))));
    }
    if (op.method === 'GET') {
      variants.push(withQuery('unknown parameter', 'zzUnknown=1'), withQuery('lang=xx', 'lang=xx'), withQuery('lang twice', 'lang=vi&lang=en'), withQuery('lang NUL', 'lang=%00'), withQuery('__proto__ parameter', '__proto__=1'), withQuery('bracket parameter', 'page[x]=1'));
    }

    // Path parameters: odd ids.
    for (const p of op.parameters.filter((p) => p.in === 'path')) {
      for (const odd of random.sample(oddPathValues(params[p.name], random), Math.round(SCALE * 14))) {
        variants.push({ ...baseline, label: `${p.name}=${excerpt(odd, 40)}`, url: fill(op, { ...params, [p.name]: odd }) });
      }
    }
    return { op, baseline, variants };
  }

  /** Who can do a route: the first of administrator, officer and head whose baseline is accepted. */
  async function discover(plan: Plan): Promise<Who> {
    if (!plan.op.secured) {
      await send({ ...plan.baseline, token: null }, 'anonymous', plan.op.html);
      return 'anonymous';
    }
    let fallback: Who = 'admin';
    for (const who of ['admin', 'officer', 'head'] as Who[]) {
      const answer = await send(plan.baseline, who, plan.op.html);
      if (answer && answer.status < 300) return who;
      if (answer && who === 'admin' && answer.status !== 403) return 'admin';
      if (answer && answer.status !== 403 && fallback === 'admin') fallback = who;
    }
    return fallback;
  }

  beforeAll(async () => {
    // An activity failing twice raises an alert (/api/health): what the requests carried must never make one fail.
    stack = await startTestStack({ env: { ACTIVITY_ALERT_ATTEMPTS: '2' } });
    org = await buildOrganisation(stack);
    tokens.admin = org.adminToken;
    tokens.officer = org.tokens.officerCommune;
    tokens.head = org.tokens.headHanoi;
    const admin = (path: string, body: object) => stack.http().post(path).set('Authorization', `Bearer ${tokens.admin}`).send(body);

    // A fast template (a task's whole life in seconds) and a quiet one for the task routes.
    await admin('/api/templates', fastTemplate('fuzz-fast')).expect(201);
    await admin(
      '/api/templates',
      fastTemplate('fuzz-task', {
        defaultDuration: '1h',
        reminders: ['6s', '4s', '2s'],
        acknowledgementReminder: null,
        escalation: { levels: [{ level: 2, after: '1h', decider: { type: 'PARENT_HEAD' } }], decisionReminderEvery: '1h', explanationDeadline: '1h' },
        evidence: { required: ['OPERATING_PRODUCT'], reviewer: { type: 'ASSIGNER' }, probe: { probes: 1, window: '0', maxLatencyMs: 1000 }, afterCare: null },
      }),
    ).expect(201);
    await admin('/api/templates', fastTemplate('fuzz-tpl')).expect(201);
    world.fuzzUnitId = (await createUnits(stack, tokens.admin, [{ code: world.fuzzUnitCode, nameVi: 'Đơn vị thử nghiệm', level: 'other', parent: 'HP' }], { HP: org.unitIds.HP }))[world.fuzzUnitCode];

    // Throwaway people for the routes that lock, rotate or end what they are given.
    const person = async (email: string, password: string) =>
      (await UserFactory.create(stack.dataSource, { email, password, unitId: world.fuzzUnitId })).id;
    world.patchUserId = await person(`fuzz.patch@fuzz.gov.vn`, 'Fuzz-patch-password-2026');
    await person(world.login.email, world.login.password);
    await person(world.password.email, world.password.password);
    await person('fuzz.logout@fuzz.gov.vn', 'Fuzz-logout-password-2026');
    const login = await stack.http().post('/api/auth/login').send(world.login).expect(200);
    world.refreshToken = login.body.refreshToken as string;
    world.password.token = await signIn(stack, world.password.email, world.password.password);
    world.logoutToken = await signIn(stack, 'fuzz.logout@fuzz.gov.vn', 'Fuzz-logout-password-2026');
    for (const [email, key] of [['fuzz.reset@fuzz.gov.vn', 'resetToken'], ['fuzz.form@fuzz.gov.vn', 'formToken']] as const) {
      const id = await person(email, 'Fuzz-reset-password-2026');
      const before = stack.mail.to(email).length;
      await stack.http().post(`/api/users/${id}/password-reset`).set('Authorization', `Bearer ${tokens.admin}`).expect(202);
      world[key] = await latestPasswordToken(stack.mail, email, before);
    }

    doc = (await stack.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    operations = operationsOf(doc);
    initialCounts = await counts();
    lastCounts = initialCounts;
  });

  afterAll(async () => {
    await stack?.close();
  });

  let started = 0;

  it('answers thousands of hostile requests on every route without a 5xx, always with the documented error, changing rows only when it accepts', async () => {
    started = Date.now();
    const phase = (name: string) => {
      if (process.env.FUZZ_TRACE) process.stdout.write(`[fuzz] ${name} at ${((Date.now() - started) / 1000).toFixed(1)}s, ${stats.requests} requests\n`);
    };
    const plans: Plan[] = [];
    // Tasks whose timers must bring something first are assigned before anything else.
    const early = new Map<string, Promise<Error | undefined>>();
    for (const op of operations.filter((o) => subKind(o) === 'escalations')) early.set(op.route, (await prepareTask(op)).ready);
    for (const op of operations) {
      phase(op.route);
      const unprepared = await (early.get(op.route) ?? (await prepareTask(op)).ready);
      if (unprepared) throw unprepared;
      const plan = await planFor(op);
      plans.push(plan);
      const who = SESSION_ENDING.includes(op.route) ? 'admin' : await discover(plan);
      const token = op.route === 'POST /api/auth/logout' || op.route === 'POST /api/auth/logout-all' ? world.logoutToken : op.route === 'POST /api/auth/password' ? world.password.token : who === 'anonymous' ? null : undefined;
      if (SESSION_ENDING.includes(op.route)) await send({ ...plan.baseline, token }, who, op.html);
      for (const variant of plan.variants) await send({ ...variant, token }, who, op.html);
    }

    phase('samples');
    // A smaller sample again as an officer (another session: it may be ended) and without any token.
    tokens.officer = await signIn(stack, 'can.bo@minhchau.hanoi.gov.vn');
    for (const plan of plans) {
      if (SESSION_ENDING.includes(plan.op.route)) continue;
      for (const variant of [plan.baseline, ...random.sample(plan.variants, 2)]) await send(variant, 'officer', plan.op.html);
    }
    for (const plan of plans) {
      for (const variant of [plan.baseline, ...random.sample(plan.variants, 1)]) await send({ ...variant, token: null }, 'anonymous', plan.op.html);
    }
    // Broken credentials and headers, for the guards.
    const me = plans.find((p) => p.op.route === 'GET /api/auth/me')?.baseline ?? { route: 'GET /api/auth/me', label: '', method: 'GET', url: '/api/auth/me' };
    const [header, payload] = tokens.admin!.split('.');
    const headerCases: [string, Record<string, string>][] = [
      ['Bearer without token', { Authorization: 'Bearer' }],
      ['Bearer and a space', { Authorization: 'Bearer ' }],
      ['three dots', { Authorization: 'Bearer a.b.c' }],
      ['5000-char token', { Authorization: `Bearer ${'x'.repeat(5_000)}` }],
      ['token without signature', { Authorization: `Bearer ${header}.${payload}.` }],
      ['alg none', { Authorization: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.` }],
      ['payload not JSON', { Authorization: `Bearer ${header}.${Buffer.from('not json').toString('base64url')}.sig` }],
      ['payload a JSON array', { Authorization: `Bearer ${header}.${Buffer.from('[1]').toString('base64url')}.sig` }],
      ['Basic', { Authorization: 'Basic YWRtaW46YWRtaW4=' }],
      ['lower-case bearer', { Authorization: `bearer ${tokens.admin}` }],
      ['two tokens', { Authorization: `Bearer ${tokens.admin} ${tokens.admin}` }],
      ['Accept-Language junk', { 'Accept-Language': 'xx-YY;q=abc, *;q=-1, vi;q=2' }],
      ['Accept-Language 5000 chars', { 'Accept-Language': 'a,'.repeat(2_500) }],
      ['X-Request-Id odd', { 'X-Request-Id': '../../etc' }],
      ['Content-Type junk on GET', { 'Content-Type': 'application/json; charset=nope' }],
    ];
    for (const [label, headers] of headerCases) {
      // The suite's own X-Request-Id is replaced by an odd one in one case: the answer must carry a fresh id then.
      if (headers['X-Request-Id']) {
        const res = await stack.http().get(me.url).set(headers).set('Authorization', `Bearer ${tokens.admin}`);
        if (res.status >= 500 || !/^[0-9a-f-]{36}$/.test(String(res.headers['x-request-id']))) failures.push(`GET ${me.url} [${label}] → ${res.status}, X-Request-Id ${String(res.headers['x-request-id'])}`);
        continue;
      }
      await send({ ...me, label, token: null, headers: { Authorization: `Bearer ${tokens.admin}`, ...headers } }, 'anonymous');
    }

    // Row counts: a table changed only by accepted writes of its own routes (checked per request above), and in total.
    const final = await counts();
    for (const [family, table] of Object.entries(COUNTED)) {
      const unexplained = final[table] - initialCounts[table] - (setupDelta[table] ?? 0) - (acceptedDelta[table] ?? 0);
      if (unexplained !== 0) failures.push(`${table}: ${unexplained} rows changed by nothing the suite accounts for`);
      if ((stats.accepted.get(family) ?? 0) === 0 && final[table] !== initialCounts[table] + (setupDelta[table] ?? 0)) failures.push(`${table}: no accepted write on /api/${family}, yet its row count changed`);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `fuzz (seed ${SEED}): ${stats.requests} requests on ${stats.routes.size}/${operations.length} routes in ${seconds}s; by status ${JSON.stringify(Object.fromEntries([...stats.byStatus].sort((a, b) => a[0] - b[0])))}; accepted writes ${JSON.stringify(Object.fromEntries(stats.accepted))}\n`,
    );
    if (process.env.FUZZ_TRACE) {
      for (const [route, t] of [...stats.time].sort((a, b) => b[1].ms - a[1].ms)) process.stdout.write(`  ${route}: ${t.n} requests, ${t.ms} ms\n`);
    }
    expect(stats.routes.size).toBe(operations.length);
    expect(failures).toEqual([]);
  }, 600_000); // about a minute alone; a loaded CI machine runs other suites beside it

  it('every task the requests touched or created still answers an action and still records its timers; no activity keeps failing', async () => {
    expect(world.taskOf.size).toBeGreaterThan(0);
    const problems: string[] = [];
    const fail = (problem: string): void => void problems.push(problem);
    const post = (token: string, id: string, path: string, body: object) => stack.http().post(`/api/tasks/${id}/${path}`).set('Authorization', `Bearer ${token}`).send(body).timeout({ response: 30_000 });
    const admin = tokens.admin!;
    const officerOf: Record<string, string> = { [org.unitIds['HN-X001']]: tokens.officer!, [org.unitIds['HP-X001']]: org.tokens.officerHaiphong };
    const touched = new Map<string, string>([...world.taskOf].map(([route, { id }]) => [id, `${route} (task ${id})`]));
    for (const id of world.createdTasks) touched.set(id, `task ${id} created by an accepted request`);

    /** What each open task must record, after which of its events, by when. */
    const expected: { id: string; where: string; after: number; types: string[]; by: number }[] = [];

    const check = async (id: string, where: string) => {
      let task = await getTask(stack, admin, id);
      const officer = officerOf[task.leadUnit.id as string];
      if (!officer) return fail(`${where}: led by an unexpected unit ${String(task.leadUnit.id)}`);
      // An action: done, or refused with the rule that refuses it.
      const progress = await post(officer, id, 'progress', { percent: 50, note: 'Sau khi thử' });
      if (progress.status !== 200 && !(progress.status === 409 && typeof progress.body?.details?.rule === 'string')) return fail(`${where}: progress answered ${progress.status} ${progress.text}`);
      task = await getTask(stack, admin, id);
      if (!['ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED'].includes(task.status as string)) {
        // Closed by a request the fuzzing sent and the API accepted: nothing fires after that, by design.
        if (!world.acceptedOn.has(id) && !world.acceptedOn.has(id.toUpperCase())) fail(`${where}: ${String(task.status)} though no request on it was accepted`);
        return;
      }
      /** The last event of the timeline an action answered with: what fires later is numbered after it. */
      const lastSeq = (view: { timeline: TimelineEntry[] }) => Math.max(0, ...view.timeline.map((e) => e.seq));
      if (Date.parse(task.dueAt as string) > Date.now() + 60_000) {
        // Due far ahead (as assigned): a deadline set now must fire and be recorded.
        const deadline = Date.now() + 4_000;
        const asked = await post(admin, id, 'explanation-requests', { question: 'Kiểm tra bộ hẹn giờ', deadline: new Date(deadline).toISOString() });
        if (asked.status !== 200) return fail(`${where}: request for explanation answered ${asked.status} ${asked.text}`);
        expected.push({ id, where, after: lastSeq(asked.body), types: ['EXPLANATION_OVERDUE'], by: deadline + 20_000 });
        return;
      }
      // Due soon: an approved extension re-arms the reminders and the due time, which must fire and be recorded.
      if (task.status === 'EVIDENCE_SUBMITTED') {
        const reviewed = await post(admin, id, 'evidence/review', { approve: false, comment: 'Thử lại', rejections: { OPERATING_PRODUCT: 'Chưa đạt' } });
        if (reviewed.status !== 200) return fail(`${where}: rejecting the evidence answered ${reviewed.status} ${reviewed.text}`);
      }
      for (const pending of task.pending.extensions as { id: string }[]) {
        const decided = await post(admin, id, `extension-requests/${pending.id}/decision`, { approve: false, comment: 'Không' });
        if (decided.status !== 200) return fail(`${where}: rejecting ${pending.id} answered ${decided.status} ${decided.text}`);
      }
      task = await getTask(stack, admin, id);
      const newDueAt = Math.max(Date.parse(task.dueAt as string), Date.now()) + 15_000;
      const requested = await post(officer, id, 'extension-requests', { newDueAt: new Date(newDueAt).toISOString(), reason: 'Kiểm tra bộ hẹn giờ' });
      if (requested.status !== 200) return fail(`${where}: extension request answered ${requested.status} ${requested.text}`);
      const extension = (requested.body.pending.extensions as { id: string }[])[0];
      const approved = await post(admin, id, `extension-requests/${extension.id}/decision`, { approve: true });
      if (approved.status !== 200) return fail(`${where}: approving the extension answered ${approved.status} ${approved.text}`);
      expected.push({ id, where, after: lastSeq(approved.body), types: ['REMINDER', 'OVERDUE'], by: newDueAt + 20_000 });
    };

    // A few at a time: the machine is small and the workflows keep running meanwhile.
    const queue = [...touched];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await check(...next);
      }),
    );

    // The timers, from the recorded timeline (one query for every task).
    let waiting = expected;
    while (waiting.length > 0) {
      const rows = await stack.dataSource.query<{ task_id: string; seq: number; type: string }[]>('SELECT task_id, seq, type FROM task_events WHERE task_id = ANY($1)', [waiting.map((e) => e.id)]);
      waiting = waiting.filter((e) => !e.types.every((type) => rows.some((r) => r.task_id === e.id && r.seq > e.after && r.type === type)));
      for (const late of waiting.filter((e) => Date.now() > e.by)) {
        const since = rows.filter((r) => r.task_id === late.id && r.seq > late.after).map((r) => r.type);
        fail(`${late.where}: timers did not record ${late.types.join(' and ')}; recorded since: ${since.join(', ') || 'nothing'}`);
      }
      waiting = waiting.filter((e) => Date.now() <= e.by);
      if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }

    // No activity (recording, notifying, checking, sending) kept failing on what the requests carried.
    const health = await stack.http().get('/api/health');
    if (health.body?.details?.activities?.alerts !== 0) fail(`activity alerts after the fuzzing: ${JSON.stringify(health.body?.details?.activities)}`);
    process.stdout.write(`fuzz: ${touched.size} tasks checked after the requests, ${expected.length} timers awaited\n`);
    expect(problems).toEqual([]);
  });
});
