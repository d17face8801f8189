import { randomUUID } from 'node:crypto';
import { AuditEvent } from '@dondoc/audit';
import { Role } from '@dondoc/common';
import { buildOrganisation, createPerson, PASSWORD, PEOPLE, type Organisation, type PersonKey } from './factories/organisation.factory';
import { eventually } from './helpers/eventually';
import { latestPasswordToken } from './helpers/mail-links';
import { ADMIN, startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Every route of the API × every role × a subject inside and outside the caller's scope.
 * The routes come from the OpenAPI document, so a new route without a rule here fails the suite.
 */

type Who = 'anonymous' | Role;
type Subject = 'in' | 'out';
const WHO: Who[] = ['anonymous', Role.OFFICER, Role.HEAD, Role.LEADER, Role.ADMIN, Role.AUDITOR];

/** Who acts for each role: an officer and the head of a commune's province, a leader there, an administrator, an auditor. */
const ACTING: Record<Exclude<Who, 'anonymous'>, PersonKey | 'admin'> = {
  OFFICER: 'officerCommune',
  HEAD: 'headHanoi',
  LEADER: 'leaderHanoi',
  ADMIN: 'admin',
  AUDITOR: 'auditor',
};

interface Call {
  path: string;
  body?: unknown;
  form?: Record<string, string>;
  file?: { name: string; content: string };
  /** A token other than the role's usual one (e.g. a fresh session to log out of); null for none. */
  token?: string | null;
}

interface Context {
  stack: TestStack;
  org: Organisation;
  tokens: Record<Who, string | null>;
  passwords: Record<Who, string>;
  emails: Record<Who, string>;
  units: Record<Subject, string>;
  users: Record<Subject, string>;
  resetTarget: { id: string; email: string };
  diagnosticId: string;
}

interface Rule {
  /** Routes with an {id} are tried on a subject in and out of the caller's scope. */
  scoped?: boolean;
  call: (ctx: Context, who: Who, subject: Subject) => Promise<Call> | Call;
  expect: (who: Who, subject: Subject) => number;
}

// The shapes of access.
const everyone = (status: number) => () => status;
const signedIn = (status: number) => (who: Who) => (who === 'anonymous' ? 401 : status);
const adminOnly = (status: number) => (who: Who) => (who === 'anonymous' ? 401 : who === Role.ADMIN ? status : 403);
const auditReaders = (status: number) => (who: Who) => (who === 'anonymous' ? 401 : who === Role.ADMIN || who === Role.AUDITOR ? status : 403);
const scopedRead = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : who === Role.ADMIN || who === Role.AUDITOR || subject === 'in' ? status : 404;

const unique = () => randomUUID().slice(0, 8).toUpperCase();

/** Signs in again (a fresh session) as the role. */
async function freshSession(ctx: Context, who: Who): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await ctx.stack.http().post('/api/auth/login').send({ email: ctx.emails[who], password: ctx.passwords[who] });
  if (res.status !== 200) throw new Error(`login as ${who}: ${res.status}`);
  return res.body as { accessToken: string; refreshToken: string };
}

/** A fresh one-time password token for the throwaway reset target. */
async function resetToken(ctx: Context): Promise<string> {
  const before = ctx.stack.mail.to(ctx.resetTarget.email).length;
  await ctx.stack.http().post(`/api/users/${ctx.resetTarget.id}/password-reset`).set('Authorization', `Bearer ${ctx.tokens.ADMIN}`).expect(202);
  return latestPasswordToken(ctx.stack.mail, ctx.resetTarget.email, before);
}

const RULES: Record<string, Rule> = {
  'GET /api/health': { call: () => ({ path: '/api/health' }), expect: everyone(200) },

  'POST /api/auth/login': {
    call: (ctx, who) => ({ path: '/api/auth/login', body: { email: ctx.emails[who], password: ctx.passwords[who] }, token: null }),
    expect: (who) => (who === 'anonymous' ? 401 : 200),
  },
  'POST /api/auth/refresh': {
    call: async (ctx, who) => ({
      path: '/api/auth/refresh',
      body: { refreshToken: who === 'anonymous' ? 'not-a-real-refresh-token-at-all' : (await freshSession(ctx, who)).refreshToken },
      token: null,
    }),
    expect: (who) => (who === 'anonymous' ? 401 : 200),
  },
  'POST /api/auth/logout': {
    call: async (ctx, who) => ({ path: '/api/auth/logout', token: who === 'anonymous' ? null : (await freshSession(ctx, who)).accessToken }),
    expect: signedIn(204),
  },
  'GET /api/auth/me': { call: () => ({ path: '/api/auth/me' }), expect: signedIn(200) },
  'POST /api/auth/password': {
    call: (ctx, who) => {
      const next = `Doi-mat-khau-${unique()}-9`;
      const call = { path: '/api/auth/password', body: { currentPassword: ctx.passwords[who], newPassword: next } };
      if (who !== 'anonymous') ctx.passwords[who] = next; // the test's own session survives the change
      return call;
    },
    expect: signedIn(204),
  },
  'POST /api/auth/password-reset': {
    call: async (ctx) => ({ path: '/api/auth/password-reset', body: { token: await resetToken(ctx), newPassword: `Dat-lai-${unique()}-9` }, token: null }),
    expect: everyone(204),
  },
  'GET /api/auth/password-reset': { call: () => ({ path: '/api/auth/password-reset?token=abc.def', token: null }), expect: everyone(200) },
  'POST /api/auth/password-reset/form': {
    call: async (ctx) => {
      const password = `Bieu-mau-${unique()}-9`;
      return { path: '/api/auth/password-reset/form', form: { token: await resetToken(ctx), newPassword: password, confirmPassword: password }, token: null };
    },
    expect: everyone(200),
  },

  'GET /api/units': { call: () => ({ path: '/api/units' }), expect: signedIn(200) },
  'POST /api/units': {
    call: (ctx) => ({ path: '/api/units', body: { code: `U-${unique()}`, nameVi: 'Đơn vị thử', level: 'other', parentId: ctx.units.in } }),
    expect: adminOnly(201),
  },
  'GET /api/units/export': { call: () => ({ path: '/api/units/export?format=csv' }), expect: signedIn(200) },
  'POST /api/units/import': {
    call: () => ({ path: '/api/units/import', file: { name: 'units.csv', content: `code,name_vi,level,parent_code\nI-${unique()},Nhập,commune,HN\n` } }),
    expect: adminOnly(200),
  },
  'GET /api/units/{id}': { scoped: true, call: (ctx, _who, subject) => ({ path: `/api/units/${ctx.units[subject]}` }), expect: scopedRead(200) },
  'PATCH /api/units/{id}': {
    scoped: true,
    call: (ctx, _who, subject) => ({ path: `/api/units/${ctx.units[subject]}`, body: { nameEn: `Renamed ${unique()}` } }),
    expect: adminOnly(200),
  },
  'DELETE /api/units/{id}': {
    scoped: true,
    call: async (ctx, _who, subject) => {
      const parentId = subject === 'in' ? ctx.org.unitIds.HN : ctx.org.unitIds.HP;
      const res = await ctx.stack.http().post('/api/units').set('Authorization', `Bearer ${ctx.tokens.ADMIN}`).send({ code: `D-${unique()}`, nameVi: 'Để xoá', level: 'other', parentId });
      return { path: `/api/units/${res.body.id}` };
    },
    expect: adminOnly(204),
  },

  'GET /api/users': { call: () => ({ path: '/api/users' }), expect: signedIn(200) },
  'POST /api/users': {
    call: (ctx) => ({ path: '/api/users', body: { email: `moi.${unique()}@x.gov.vn`, name: 'Người mới', unitId: ctx.units.in, roles: ['OFFICER'], sendInvitation: false } }),
    expect: adminOnly(201),
  },
  'GET /api/users/export': { call: () => ({ path: '/api/users/export?format=csv' }), expect: signedIn(200) },
  'POST /api/users/import': {
    call: () => ({ path: '/api/users/import?sendInvitations=false', file: { name: 'users.csv', content: `email,name,unit_code,roles\nnhap.${unique()}@x.gov.vn,Nhập,HN-X001,OFFICER\n` } }),
    expect: adminOnly(200),
  },
  'GET /api/users/{id}': { scoped: true, call: (ctx, _who, subject) => ({ path: `/api/users/${ctx.users[subject]}` }), expect: scopedRead(200) },
  'PATCH /api/users/{id}': {
    scoped: true,
    call: (ctx, _who, subject) => ({ path: `/api/users/${ctx.users[subject]}`, body: { phone: '0900 000 000' } }),
    expect: adminOnly(200),
  },
  'POST /api/users/{id}/password-reset': {
    scoped: true,
    call: (ctx, _who, subject) => ({ path: `/api/users/${ctx.users[subject]}/password-reset` }),
    expect: adminOnly(202),
  },

  'GET /api/audit': { call: () => ({ path: '/api/audit' }), expect: auditReaders(200) },
  'GET /api/audit/export': { call: () => ({ path: '/api/audit/export?format=csv' }), expect: auditReaders(200) },
  'GET /api/audit/verify': { call: () => ({ path: '/api/audit/verify' }), expect: auditReaders(200) },

  'POST /api/diagnostics': { call: () => ({ path: '/api/diagnostics', body: { message: 'route suite' } }), expect: adminOnly(202) },
  'GET /api/diagnostics/{id}': { call: (ctx) => ({ path: `/api/diagnostics/${ctx.diagnosticId}` }), expect: adminOnly(200) },
};

describe('Access: every route × every role × in and out of scope', () => {
  let stack: TestStack;
  let ctx: Context;
  let routes: string[];

  beforeAll(async () => {
    stack = await startTestStack();
    const org = await buildOrganisation(stack);
    const persons = { ...PEOPLE, admin: { email: ADMIN.email } };
    const tokens = { anonymous: null } as Record<Who, string | null>;
    const emails = { anonymous: 'nobody@x.gov.vn' } as Record<Who, string>;
    const passwords = { anonymous: 'Wrong-password-2026' } as Record<Who, string>;
    for (const [role, key] of Object.entries(ACTING) as [Exclude<Who, 'anonymous'>, PersonKey | 'admin'][]) {
      emails[role] = persons[key].email;
      passwords[role] = key === 'admin' ? ADMIN.password : PASSWORD;
      tokens[role] = key === 'admin' ? org.adminToken : org.tokens[key];
    }
    const resetEmail = 'dat.lai@hanoi.gov.vn';
    const resetId = await createPerson(stack, org.adminToken, { email: resetEmail, name: 'Người được đặt lại', unit: 'HN-SKHCN', roles: ['OFFICER'] }, org.unitIds);
    const diagnostic = await stack.http().post('/api/diagnostics').set('Authorization', `Bearer ${org.adminToken}`).send({}).expect(202);
    await eventually(async () => {
      const run = await stack.http().get(`/api/diagnostics/${diagnostic.body.id}`).set('Authorization', `Bearer ${org.adminToken}`);
      expect(run.body.status).toBe('COMPLETED');
    });
    ctx = {
      stack,
      org,
      tokens,
      passwords,
      emails,
      units: { in: org.unitIds['HN-X001'], out: org.unitIds['HP-X001'] },
      users: { in: org.userIds.officerCommune, out: org.userIds.officerHaiphong },
      resetTarget: { id: resetId, email: resetEmail },
      diagnosticId: diagnostic.body.id as string,
    };
    const docs = await stack.http().get('/api/docs-json').expect(200);
    routes = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });

  afterAll(() => stack.close());

  it('has a rule for every route of the API, and no rule for a route that does not exist', () => {
    expect([...routes].sort()).toEqual(Object.keys(RULES).sort());
  });

  /** Routes that read no body: whatever is sent, they do their one thing. */
  const TAKE_NO_BODY = ['POST /api/auth/logout', 'DELETE /api/units/{id}', 'POST /api/users/{id}/password-reset'];

  /** Bodies no route accepts: wrong shapes, wrong types, unknown fields, injection-looking strings. */
  const MALFORMED: unknown[] = [
    [],
    [{ code: 'X' }],
    { code: 42, nameVi: ['a'], level: { $ne: 1 }, parentId: 'x', roles: 'ADMIN', email: 7, active: 'maybe', headUserId: 1 },
    { unexpected: true },
    { nameVi: `'; DROP TABLE units; --`, code: '<script>alert(1)</script>', email: "' OR 1=1 --", newPassword: null, token: {} },
    { nameVi: 'x'.repeat(100_000) },
  ];

  it('answers malformed bodies on every state-changing route with a 4xx, never a 5xx, and changes nothing', async () => {
    const before = await stack.dataSource.getRepository(AuditEvent).count();
    for (const [route, rule] of Object.entries(RULES)) {
      const [method] = route.split(' ');
      if (method === 'GET') continue;
      const passwords = { ...ctx.passwords };
      const call = await rule.call(ctx, Role.ADMIN, 'in');
      Object.assign(ctx.passwords, passwords); // the builder expects success; these requests must fail
      const token = call.token === undefined ? ctx.tokens.ADMIN : call.token;
      for (const body of [...MALFORMED, 'not json']) {
        let req = stack.http()[method.toLowerCase() as 'post' | 'patch' | 'delete'](call.path);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
        const res = await req;
        const ok = (res.status >= 400 && res.status < 500) || (TAKE_NO_BODY.includes(route) && res.status < 300);
        if (!ok) throw new Error(`${route} with ${JSON.stringify(body).slice(0, 80)}: ${res.status} ${JSON.stringify(res.body)}`);
        expect(res.status).toBeLessThan(500);
      }
    }
    // Only the routes that read no body may have acted (and the units the DELETE rule creates first).
    const written = await stack.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.seq > :before', { before })
      .andWhere("e.action NOT IN ('LOGIN_SUCCEEDED', 'LOGOUT', 'UNIT_CREATED', 'UNIT_DELETED', 'PASSWORD_RESET_REQUESTED')")
      .getMany();
    expect(written.map((e) => e.action)).toEqual([]);
  });

  const cases = Object.entries(RULES).flatMap(([route, rule]) =>
    WHO.flatMap((who) => (rule.scoped ? (['in', 'out'] as Subject[]) : (['in'] as Subject[])).map((subject) => ({ route, who, subject, rule }))),
  );

  it.each(cases.map((c) => [`${c.route} as ${c.who}${c.rule.scoped ? ` (${c.subject} scope)` : ''}`, c] as const))('%s', async (_name, { route, who, subject, rule }) => {
    const [method, template] = route.split(' ');
    const call = await rule.call(ctx, who, subject);
    expect(call.path.split('?')[0].replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/{id}')).toBe(template);
    const requestId = `route-${randomUUID()}`;
    let req = stack.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](call.path).set('X-Request-Id', requestId);
    const token = call.token === undefined ? ctx.tokens[who] : call.token;
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (call.file) req = req.attach('file', Buffer.from(call.file.content), call.file.name);
    else if (call.form) req = req.type('form').send(call.form);
    else if (call.body !== undefined) req = req.send(call.body as object);
    const res = await req;

    const expected = rule.expect(who, subject);
    if (res.status !== expected) throw new Error(`${route} as ${who} (${subject}): expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    // Every state-changing request that succeeded left an audit event carrying its request id.
    if (method !== 'GET' && res.status < 300) {
      const events = await stack.dataSource.getRepository(AuditEvent).countBy({ requestId });
      if (events === 0) throw new Error(`${route} as ${who} succeeded without an audit event`);
    }
  });
});
