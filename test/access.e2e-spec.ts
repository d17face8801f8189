import { randomUUID } from 'node:crypto';
import { AuditEvent } from '@dondoc/audit';
import { ACKNOWLEDGE_LINK_PURPOSE, Role, signToken, systemActor } from '@dondoc/common';
import { DEFAULT_FORMULA, ScorecardsService } from '@dondoc/tasks';
import { buildOrganisation, createPerson, PASSWORD, PEOPLE, type Organisation, type PersonKey } from './factories/organisation.factory';
import { fastTemplate } from './factories/task.factory';

// Nothing fires during the suite: no reminders of pending decisions or open blockers every few seconds
// (hundreds of tasks would keep the worker busy, and actions would wait behind their recordings).
const templateBody = (key: string): Record<string, unknown> => {
  const fast = fastTemplate(key, { defaultDuration: '30d', reminders: ['1d'], acknowledgementReminder: null });
  return { ...fast, escalation: { ...(fast.escalation as Record<string, unknown>), decisionReminderEvery: '1d' } };
};
import { eventually } from './helpers/eventually';
import { startEvidenceWorld, verifiableEvidence, type EvidenceWorld } from './helpers/evidence-world';
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
  /** Runs after the request, whatever its answer (e.g. to sign in again after signing out everywhere). */
  after?: () => Promise<void>;
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
  /** The officer of the unit of each subject (to act as the unit when preparing a task). */
  unitOfficer: Record<Subject, string>;
  /** Evidence pointing at real servers on loopback, which dondoc verifies. */
  evidence: Record<string, unknown>;
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

/** Statistics of a unit: within the reader's scope they answer; outside it the unitId is refused (400 naming it). */
const scopedStatistics = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : who === Role.ADMIN || who === Role.AUDITOR || subject === 'in' ? status : 400;

const unique = () => randomUUID().slice(0, 8).toUpperCase();

/** Task actions: the lead unit acts; leaders over it, the assigner and reviewers decide; auditors only read. */
const member = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : subject === 'out' && (who === Role.OFFICER || who === Role.HEAD || who === Role.LEADER) ? 404 : who === Role.OFFICER ? status : 403;
const supervisor = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : subject === 'out' && (who === Role.OFFICER || who === Role.HEAD || who === Role.LEADER) ? 404 : who === Role.ADMIN || who === Role.LEADER ? status : 403;
const administrators = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : subject === 'out' && (who === Role.OFFICER || who === Role.HEAD || who === Role.LEADER) ? 404 : who === Role.ADMIN ? status : 403;
/** Blockers: either side or a leader over both resolves (here the province's head and leader, over both units); leaders over both decide. */
const blockerResolvers = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : subject === 'out' && (who === Role.OFFICER || who === Role.HEAD || who === Role.LEADER) ? 404 : who === Role.AUDITOR ? 403 : status;
const blockerDeciders = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : subject === 'out' && (who === Role.OFFICER || who === Role.HEAD || who === Role.LEADER) ? 404 : who === Role.HEAD || who === Role.LEADER || who === Role.ADMIN ? status : 403;
const assigners = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : who === Role.ADMIN || (who === Role.LEADER && subject === 'in') ? status : 403;

const LONG = 3_600; // seconds: no timer fires during the suite

/** Scorecards: heads see their unit's and those below, leaders those of the units they direct, auditors and administrators all; officers none. */
const scorecardReaders = (status: number) => (who: Who, subject: Subject) =>
  who === 'anonymous' ? 401 : who === Role.OFFICER ? 403 : who === Role.ADMIN || who === Role.AUDITOR || subject === 'in' ? status : 404;
/** The general points: a leader over the unit, nobody else. */
const evaluators = (status: number) => (who: Who, subject: Subject) => (who === 'anonymous' ? 401 : who !== Role.LEADER ? 403 : subject === 'in' ? status : 404);

let scorecardYear = 2040;
/** A fresh scorecard (a quarter of its own, formula version 1) of the subject's commune, published as the quarterly run would. */
async function scorecardOf(ctx: Context, subject: Subject): Promise<string> {
  const outcome = await ctx.stack.api.get(ScorecardsService).publish({ quarter: `${scorecardYear++}-Q1`, subjects: [{ kind: 'UNIT', unitId: ctx.units[subject], userId: null }], formulaVersion: 1 });
  return outcome.ids[0];
}

/** The latest formula version, a second one made when there is only the first (so that a correction with it changes the scorecard). */
async function laterFormula(ctx: Context): Promise<number> {
  const scorecards = ctx.stack.api.get(ScorecardsService);
  const latest = await scorecards.formula();
  return latest.version > 1 ? latest.version : (await scorecards.createFormula(systemActor(), DEFAULT_FORMULA)).version;
}

/** A fresh task led by the subject's unit (the commune in scope, or the one outside). */
async function freshTask(ctx: Context, subject: Subject): Promise<string> {
  const res = await ctx.stack
    .http()
    .post('/api/tasks')
    .set('Authorization', `Bearer ${ctx.tokens.ADMIN}`)
    .send({ title: 'Nhiệm vụ kiểm tra quyền', templateKey: 'quyen', leadUnitId: ctx.units[subject], dueAt: new Date(Date.now() + LONG * 1000).toISOString() });
  if (res.status !== 201) throw new Error(`assigning: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Acts on a task as its unit's officer (to prepare a request to decide). */
/** A plan assignment of one task: made by the province's leader in their unit ('in'), or by the administrator elsewhere ('out'). */
async function planAssignment(ctx: Context, subject: Subject): Promise<string> {
  const token = subject === 'in' ? ctx.tokens.LEADER : ctx.tokens.ADMIN;
  const res = await ctx.stack
    .http()
    .post('/api/assignments')
    .set('Authorization', `Bearer ${token}`)
    .send({ tasks: [{ title: 'Đợt giao kiểm tra quyền', templateKey: 'quyen', leadUnitId: ctx.units[subject] }] });
  if (res.status !== 202) throw new Error(`assigning a plan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function asUnit(ctx: Context, subject: Subject, taskId: string, path: string, body: object): Promise<Record<string, any>> {
  const res = await ctx.stack.http().post(`/api/tasks/${taskId}/${path}`).set('Authorization', `Bearer ${ctx.unitOfficer[subject]}`).send(body);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/**
 * The unit a subject's task waits on in the blocker rules: the commune's province (in: its head and
 * leader are over both units), the other province (out). Neither has a head or officers to email.
 */
const blockingUnit = (ctx: Context, subject: Subject): string => (subject === 'in' ? ctx.org.unitIds.HN : ctx.org.unitIds.HP);

/** A fresh task of the subject's unit with a blocker its officer declared; returns the task and blocker ids. */
async function blockedTask(ctx: Context, subject: Subject): Promise<{ id: string; blockerId: string }> {
  const id = await freshTask(ctx, subject);
  const task = await asUnit(ctx, subject, id, 'blockers', { blockingUnitId: blockingUnit(ctx, subject), awaited: 'Số liệu', reason: 'Sở chưa gửi số liệu' });
  return { id, blockerId: task.blockers[0].id as string };
}

/** Submits evidence as the unit and waits until dondoc has verified it (approval needs that). */
async function verifiedEvidence(ctx: Context, subject: Subject, taskId: string): Promise<void> {
  await asUnit(ctx, subject, taskId, 'evidence', ctx.evidence);
  await eventually(async () => {
    const res = await ctx.stack.http().get(`/api/tasks/${taskId}/evidence`).set('Authorization', `Bearer ${ctx.tokens.ADMIN}`).expect(200);
    expect(res.body.evidence.verifiedAt).toEqual(expect.any(String));
  }, 20_000);
}

/** Signs in again (a fresh session) as the role. */
async function freshSession(ctx: Context, who: Who): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await ctx.stack.http().post('/api/auth/login').send({ email: ctx.emails[who], password: ctx.passwords[who] });
  if (res.status !== 200) throw new Error(`login as ${who}: ${res.status}`);
  return res.body as { accessToken: string; refreshToken: string };
}

/** The acknowledgement link a fresh task's unit officer is sent by email (its token made as the email's, with the test's secret). */
async function acknowledgeToken(ctx: Context): Promise<string> {
  const taskId = await freshTask(ctx, 'in');
  const id = await eventually(async () => {
    const [row] = await ctx.stack.dataSource.query<{ id: string }[]>(
      'SELECT link.id FROM task_acknowledge_links link JOIN users u ON u.id = link.user_id WHERE link.task_id = $1 AND u.email = $2',
      [taskId, PEOPLE.officerCommune.email],
    );
    if (!row) throw new Error('no acknowledgement link yet');
    return row.id;
  });
  return signToken(process.env.JWT_SECRET!, ACKNOWLEDGE_LINK_PURPOSE, id);
}

/** A fresh one-time password token for the throwaway reset target. */
async function resetToken(ctx: Context): Promise<string> {
  const before = ctx.stack.mail.to(ctx.resetTarget.email).length;
  await ctx.stack.http().post(`/api/users/${ctx.resetTarget.id}/password-reset`).set('Authorization', `Bearer ${ctx.tokens.ADMIN}`).expect(202);
  return latestPasswordToken(ctx.stack.mail, ctx.resetTarget.email, before);
}

/** A weekly briefing pack of a past week (issued once by the administrator, then read by every role). */
let briefingId: string | undefined;
async function briefing(ctx: Context): Promise<string> {
  if (!briefingId) {
    const res = await ctx.stack.http().post('/api/reports/briefings').set('Authorization', `Bearer ${ctx.tokens.ADMIN}`).send({ week: '2026-W40' });
    if (res.status !== 201 && res.status !== 200) throw new Error(`issuing a briefing: ${res.status} ${JSON.stringify(res.body)}`);
    briefingId = res.body.id as string;
  }
  return briefingId;
}

const RULES: Record<string, Rule> = {
  'GET /api/health': { call: () => ({ path: '/api/health' }), expect: everyone(200) },
  'GET /api/health/ready': { call: () => ({ path: '/api/health/ready' }), expect: everyone(200) },
  'GET /api/health/live': { call: () => ({ path: '/api/health/live' }), expect: everyone(200) },

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
  'POST /api/auth/logout-all': {
    // Every session of the role's user ends, the suite's own too: it signs in again afterwards.
    call: async (ctx, who) => ({
      path: '/api/auth/logout-all',
      token: who === 'anonymous' ? null : (await freshSession(ctx, who)).accessToken,
      after: async () => {
        if (who === 'anonymous') return;
        ctx.tokens[who] = (await freshSession(ctx, who)).accessToken;
        if (who === Role.OFFICER) ctx.unitOfficer.in = ctx.tokens[who];
      },
    }),
    expect: signedIn(204),
  },
  'GET /api/auth/me': { call: () => ({ path: '/api/auth/me' }), expect: signedIn(200) },
  'PATCH /api/auth/me': {
    // Back to Vietnamese first, so the change to English is a change (and audited).
    call: async (ctx, who) => {
      await ctx.stack.dataSource.query(`UPDATE users SET language = 'vi' WHERE email = $1`, [ctx.emails[who]]);
      return { path: '/api/auth/me', body: { language: 'en' } };
    },
    expect: signedIn(200),
  },
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
  // Always 204, for a known email (each role's own) or not (anonymous's): the answer never says whether an account exists.
  'POST /api/auth/forgot-password': { call: (ctx, who) => ({ path: '/api/auth/forgot-password', body: { email: ctx.emails[who] }, token: null }), expect: everyone(204) },

  'GET /api/units': { call: () => ({ path: '/api/units' }), expect: signedIn(200) },
  'POST /api/units': {
    call: (ctx) => ({ path: '/api/units', body: { code: `U-${unique()}`, nameVi: 'Đơn vị thử', level: 'other', parentId: ctx.units.in } }),
    expect: adminOnly(201),
  },
  'GET /api/units/directory': { call: () => ({ path: '/api/units/directory?q=HN' }), expect: signedIn(200) },
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

  'GET /api/templates': { call: () => ({ path: '/api/templates' }), expect: signedIn(200) },
  'POST /api/templates': { call: () => ({ path: '/api/templates', body: templateBody(`t-${unique().toLowerCase()}`) }), expect: adminOnly(201) },
  'GET /api/templates/{key}': { call: () => ({ path: '/api/templates/quyen' }), expect: signedIn(200) },
  'PUT /api/templates/{key}': {
    call: () => {
      const { key: _key, ...rules } = templateBody('quyen');
      return { path: '/api/templates/quyen', body: rules };
    },
    expect: adminOnly(200),
  },
  'DELETE /api/templates/{key}': {
    call: async (ctx) => {
      const key = `xoa-${unique().toLowerCase()}`;
      await ctx.stack.http().post('/api/templates').set('Authorization', `Bearer ${ctx.tokens.ADMIN}`).send(templateBody(key)).expect(201);
      return { path: `/api/templates/${key}` };
    },
    expect: adminOnly(200),
  },
  'GET /api/templates/{key}/versions/{version}': { call: () => ({ path: '/api/templates/quyen/versions/1' }), expect: signedIn(200) },

  'GET /api/calendar': { call: () => ({ path: '/api/calendar?year=2027' }), expect: signedIn(200) },
  'GET /api/calendar/deadline': { call: () => ({ path: '/api/calendar/deadline?from=2026-02-12T10:00:00%2B07:00&workingDays=3' }), expect: signedIn(200) },
  'GET /api/calendar/overrides': { call: () => ({ path: '/api/calendar/overrides?year=2026' }), expect: signedIn(200) },
  // A Saturday of a far year, worked: no test counts days there.
  'PUT /api/calendar/overrides/{date}': {
    call: () => ({ path: '/api/calendar/overrides/2098-03-08', body: { kind: 'WORKDAY', document: 'QĐ thử', note: null } }),
    expect: adminOnly(200),
  },
  'DELETE /api/calendar/overrides/{date}': {
    call: async (ctx) => {
      await ctx.stack.http().put('/api/calendar/overrides/2098-03-15').set('Authorization', `Bearer ${ctx.tokens.ADMIN}`).send({ kind: 'WORKDAY' }).expect(200);
      return { path: '/api/calendar/overrides/2098-03-15' };
    },
    expect: adminOnly(204),
  },

  'POST /api/tasks': {
    scoped: true,
    call: (ctx, _who, subject) => ({ path: '/api/tasks', body: { title: 'Giao thử', templateKey: 'quyen', leadUnitId: ctx.units[subject], dueAt: new Date(Date.now() + LONG * 1000).toISOString() } }),
    expect: assigners(201),
  },
  'POST /api/tasks/bulk': {
    scoped: true,
    call: (ctx, _who, subject) => ({ path: '/api/tasks/bulk', body: { tasks: [1, 2].map((i) => ({ title: `Giao hàng loạt ${i}`, templateKey: 'quyen', leadUnitId: ctx.units[subject] })) } }),
    expect: assigners(201),
  },
  'POST /api/assignments': {
    scoped: true,
    call: (ctx, _who, subject) => ({ path: '/api/assignments', body: { tasks: [1, 2].map((i) => ({ title: `Giao theo đợt ${i}`, templateKey: 'quyen', leadUnitId: ctx.units[subject] })) } }),
    expect: assigners(202),
  },
  'GET /api/assignments/{id}': {
    scoped: true,
    // In scope: an assignment the leader made; out of it: one the administrator made (only its creator and administrators read it).
    call: async (ctx, _who, subject) => ({ path: `/api/assignments/${await planAssignment(ctx, subject)}` }),
    expect: (who, subject) => (who === 'anonymous' ? 401 : who === Role.ADMIN || (who === Role.LEADER && subject === 'in') ? 200 : who === Role.LEADER ? 404 : 403),
  },
  'GET /api/tasks': { call: () => ({ path: '/api/tasks' }), expect: signedIn(200) },
  'GET /api/tasks/counts': { call: () => ({ path: '/api/tasks/counts' }), expect: signedIn(200) },
  'GET /api/reports/statistics': { scoped: true, call: (ctx, _who, subject) => ({ path: `/api/reports/statistics?unitId=${ctx.units[subject]}&groupBy=unit` }), expect: scopedStatistics(200) },
  'GET /api/reports/statistics/export': {
    scoped: true,
    call: (ctx, _who, subject) => ({ path: `/api/reports/statistics/export?unitId=${ctx.units[subject]}&format=csv` }),
    expect: scopedStatistics(200),
  },
  'GET /api/reports/scorecards': { call: () => ({ path: '/api/reports/scorecards?quarter=2026-Q3' }), expect: scorecardReaders(200) },
  'POST /api/reports/scorecards': { call: () => ({ path: '/api/reports/scorecards', body: { quarter: '2026-Q3' } }), expect: adminOnly(202) },
  'GET /api/reports/scorecards/formulas': { call: () => ({ path: '/api/reports/scorecards/formulas' }), expect: scorecardReaders(200) },
  'POST /api/reports/scorecards/formulas': { call: () => ({ path: '/api/reports/scorecards/formulas', body: { ...DEFAULT_FORMULA, note: 'Thử quyền' } }), expect: adminOnly(201) },
  'GET /api/reports/scorecards/{id}': { scoped: true, call: async (ctx, _who, subject) => ({ path: `/api/reports/scorecards/${await scorecardOf(ctx, subject)}` }), expect: scorecardReaders(200) },
  'GET /api/reports/scorecards/{id}/export': { scoped: true, call: async (ctx, _who, subject) => ({ path: `/api/reports/scorecards/${await scorecardOf(ctx, subject)}/export?format=xlsx` }), expect: scorecardReaders(200) },
  'PUT /api/reports/scorecards/{id}/general': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/reports/scorecards/${await scorecardOf(ctx, subject)}/general`, body: { points: 25, comment: 'Hoàn thành tốt' } }),
    expect: evaluators(200),
  },
  'POST /api/reports/scorecards/{id}/corrections': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/reports/scorecards/${await scorecardOf(ctx, subject)}/corrections`, body: { reason: 'Áp dụng công thức mới', formulaVersion: await laterFormula(ctx) } }),
    expect: adminOnly(201),
  },
  // Every reader reads a pack (their part of it: test/briefings.e2e-spec.ts); administrators issue one, each time a new version with its reason.
  'GET /api/reports/briefings': { call: () => ({ path: '/api/reports/briefings' }), expect: signedIn(200) },
  'POST /api/reports/briefings': { call: () => ({ path: '/api/reports/briefings', body: { week: '2026-W40', reason: `Kiểm tra quyền ${unique()}` } }), expect: adminOnly(201) },
  'GET /api/reports/briefings/{id}': { call: async (ctx) => ({ path: `/api/reports/briefings/${await briefing(ctx)}` }), expect: signedIn(200) },
  'GET /api/reports/briefings/{id}/export': { call: async (ctx) => ({ path: `/api/reports/briefings/${await briefing(ctx)}/export?format=xlsx` }), expect: signedIn(200) },
  'GET /api/decisions': { call: () => ({ path: '/api/decisions?kind=extension' }), expect: signedIn(200) },
  'GET /api/decisions/count': { call: () => ({ path: '/api/decisions/count' }), expect: signedIn(200) },
  // Public: the link's token stands for its recipient, whoever sends it.
  'POST /api/tasks/acknowledge-links/preview': { call: async (ctx) => ({ path: '/api/tasks/acknowledge-links/preview', body: { token: await acknowledgeToken(ctx) }, token: null }), expect: everyone(200) },
  'POST /api/tasks/acknowledge-links/confirm': { call: async (ctx) => ({ path: '/api/tasks/acknowledge-links/confirm', body: { token: await acknowledgeToken(ctx) }, token: null }), expect: everyone(200) },
  'GET /api/tasks/{id}': { scoped: true, call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}` }), expect: scopedRead(200) },
  'POST /api/tasks/{id}/acknowledge': { scoped: true, call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/acknowledge` }), expect: member(200) },
  'POST /api/tasks/{id}/progress': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/progress`, body: { percent: 20, note: 'Đang làm' } }),
    expect: member(200),
  },
  'POST /api/tasks/{id}/extension-requests': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/extension-requests`, body: { newDueAt: new Date(Date.now() + 2 * LONG * 1000).toISOString(), reason: 'Cần thêm thời gian' } }),
    expect: member(200),
  },
  'POST /api/tasks/{id}/extension-requests/{requestId}/decision': {
    scoped: true,
    call: async (ctx, _who, subject) => {
      const id = await freshTask(ctx, subject);
      const task = await asUnit(ctx, subject, id, 'extension-requests', { newDueAt: new Date(Date.now() + 2 * LONG * 1000).toISOString(), reason: 'x' });
      return { path: `/api/tasks/${id}/extension-requests/${task.pending.extensions[0].id}/decision`, body: { approve: true } };
    },
    expect: supervisor(200),
  },
  'POST /api/tasks/{id}/explanation-requests': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/explanation-requests`, body: { question: 'Vì sao chậm?', deadline: new Date(Date.now() + LONG * 1000).toISOString() } }),
    expect: supervisor(200),
  },
  'POST /api/tasks/{id}/explanation-requests/{requestId}/answer': {
    scoped: true,
    call: async (ctx, _who, subject) => {
      const id = await freshTask(ctx, subject);
      const res = await ctx.stack
        .http()
        .post(`/api/tasks/${id}/explanation-requests`)
        .set('Authorization', `Bearer ${ctx.tokens.ADMIN}`)
        .send({ question: 'Vì sao?', deadline: new Date(Date.now() + LONG * 1000).toISOString() })
        .expect(200);
      return { path: `/api/tasks/${id}/explanation-requests/${res.body.pending.explanations[0].id}/answer`, body: { answer: 'Vì lý do khách quan' } };
    },
    expect: member(200),
  },
  'POST /api/tasks/{id}/beyond-authority': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/beyond-authority`, body: { reason: 'Vượt thẩm quyền' } }),
    expect: member(200),
  },
  'POST /api/tasks/{id}/beyond-authority/{requestId}/decision': {
    scoped: true,
    call: async (ctx, _who, subject) => {
      const id = await freshTask(ctx, subject);
      const task = await asUnit(ctx, subject, id, 'beyond-authority', { reason: 'x' });
      return { path: `/api/tasks/${id}/beyond-authority/${task.pending.beyondAuthority[0].id}/decision`, body: { decision: 'DIRECTION', comment: 'Thực hiện theo hướng dẫn' } };
    },
    expect: supervisor(200),
  },
  'POST /api/tasks/{id}/escalations/{proposalId}/decision': {
    scoped: true,
    // No level has been proposed: those allowed to decide get the workflow's 409, the others never reach it.
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/escalations/P99/decision`, body: { approve: true } }),
    expect: supervisor(409),
  },
  'POST /api/tasks/{id}/evidence': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/evidence`, body: ctx.evidence }),
    expect: member(200),
  },
  'GET /api/tasks/{id}/evidence': { scoped: true, call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/evidence` }), expect: scopedRead(200) },
  'POST /api/tasks/{id}/evidence/review': {
    scoped: true,
    call: async (ctx, _who, subject) => {
      const id = await freshTask(ctx, subject);
      await verifiedEvidence(ctx, subject, id);
      return { path: `/api/tasks/${id}/evidence/review`, body: { approve: true } };
    },
    expect: supervisor(200),
  },
  'POST /api/tasks/{id}/after-care/close': {
    scoped: true,
    // A task not yet done has no after-care: administrators get the workflow's 409, the others never reach it.
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/after-care/close`, body: { reason: 'Sản phẩm đã bàn giao' } }),
    expect: administrators(409),
  },
  'POST /api/tasks/{id}/blockers': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/blockers`, body: { blockingUnitId: blockingUnit(ctx, subject), awaited: 'Số liệu dân cư', reason: 'Sở chưa gửi số liệu' } }),
    expect: member(200),
  },
  'POST /api/tasks/{id}/blockers/{blockerId}/resolve': {
    scoped: true,
    call: async (ctx, _who, subject) => {
      const { id, blockerId } = await blockedTask(ctx, subject);
      return { path: `/api/tasks/${id}/blockers/${blockerId}/resolve`, body: { resolution: 'Đã nhận số liệu' } };
    },
    expect: blockerResolvers(200),
  },
  'POST /api/tasks/{id}/blockers/{blockerId}/decide': {
    scoped: true,
    call: async (ctx, _who, subject) => {
      const { id, blockerId } = await blockedTask(ctx, subject);
      // Ended too: no reminder keeps firing for the rest of the suite.
      return { path: `/api/tasks/${id}/blockers/${blockerId}/decide`, body: { confirm: true, end: true, comment: 'Nguyên nhân khách quan' } };
    },
    expect: blockerDeciders(200),
  },
  'POST /api/tasks/{id}/cancel': {
    scoped: true,
    call: async (ctx, _who, subject) => ({ path: `/api/tasks/${await freshTask(ctx, subject)}/cancel`, body: { reason: 'Không còn phù hợp' } }),
    expect: supervisor(200),
  },

  'GET /api/notifications': { call: () => ({ path: '/api/notifications' }), expect: signedIn(200) },
  'POST /api/notifications/read-all': { call: () => ({ path: '/api/notifications/read-all' }), expect: signedIn(200) },
  'GET /api/notifications/deliveries': { call: () => ({ path: '/api/notifications/deliveries?status=FAILED' }), expect: auditReaders(200) },
  'POST /api/notifications/{id}/read': {
    scoped: true,
    // In scope: one of the caller's own notifications; out: someone else's.
    call: async (ctx, who, subject) => {
      const owner = subject === 'in' && who !== 'anonymous' ? ctx.emails[who] : PEOPLE.officerHaiphong.email;
      const [row] = await ctx.stack.dataSource.query<{ id: string }[]>(
        `INSERT INTO notifications (idempotency_key, user_id, email, language, template, params, message_id, status)
         SELECT $1, id, email, language, 'task-assigned', '{}', $2, 'SENT' FROM users WHERE email = $3 RETURNING id`,
        [`access-${randomUUID()}`, `<${randomUUID()}@test>`, owner],
      );
      return { path: `/api/notifications/${row.id}/read` };
    },
    expect: (who, subject) => (who === 'anonymous' ? 401 : subject === 'in' ? 204 : 404),
  },

  'POST /api/diagnostics': { call: () => ({ path: '/api/diagnostics', body: { message: 'route suite' } }), expect: adminOnly(202) },
  'GET /api/diagnostics/{id}': { call: (ctx) => ({ path: `/api/diagnostics/${ctx.diagnosticId}` }), expect: adminOnly(200) },
  'GET /api/diagnostics/activity-alerts': { call: () => ({ path: '/api/diagnostics/activity-alerts' }), expect: adminOnly(200) },
  'GET /api/diagnostics/orphan-workflows': { call: () => ({ path: '/api/diagnostics/orphan-workflows' }), expect: adminOnly(200) },
};

describe('Access: every route × every role × in and out of scope', () => {
  let stack: TestStack;
  let ctx: Context;
  let routes: string[];
  let world: EvidenceWorld;

  beforeAll(async () => {
    stack = await startTestStack();
    world = await startEvidenceWorld();
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
    await stack.http().post('/api/templates').set('Authorization', `Bearer ${org.adminToken}`).send(templateBody('quyen')).expect(201);
    const unitOfficer = { in: org.tokens.officerCommune, out: org.tokens.officerHaiphong };
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
      unitOfficer,
      evidence: verifiableEvidence(world),
    };
    const docs = await stack.http().get('/api/docs-json').expect(200);
    routes = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });

  afterAll(async () => {
    await stack.close();
    await world.close();
  });

  it('has a rule for every route of the API, and no rule for a route that does not exist', () => {
    expect([...routes].sort()).toEqual(Object.keys(RULES).sort());
  });

  /** Routes that read no body: whatever is sent, they do their one thing. */
  const TAKE_NO_BODY = [
    'POST /api/auth/logout',
    'POST /api/auth/logout-all',
    'DELETE /api/units/{id}',
    'POST /api/users/{id}/password-reset',
    'DELETE /api/templates/{key}',
    'DELETE /api/calendar/overrides/{date}',
    'POST /api/tasks/{id}/acknowledge',
    'POST /api/notifications/read-all',
    'POST /api/notifications/{id}/read',
  ];

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
    for (const [route, rule] of Object.entries(RULES)) {
      const [method] = route.split(' ');
      if (method === 'GET' || TAKE_NO_BODY.includes(route)) continue;
      const passwords = { ...ctx.passwords };
      const call = await rule.call(ctx, Role.ADMIN, 'in');
      Object.assign(ctx.passwords, passwords); // the builder expects success; these requests must fail
      const token = call.token === undefined ? ctx.tokens.ADMIN : call.token;
      for (const body of [...MALFORMED, 'not json']) {
        const requestId = `malformed-${randomUUID()}`;
        let req = stack.http()[method.toLowerCase() as 'post' | 'patch' | 'delete' | 'put'](call.path).set('X-Request-Id', requestId);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
        const res = await req;
        if (res.status < 400 || res.status >= 500) throw new Error(`${route} with ${JSON.stringify(body).slice(0, 80)}: ${res.status} ${JSON.stringify(res.body)}`);
        // Nothing was written on its behalf.
        expect(await stack.dataSource.getRepository(AuditEvent).countBy({ requestId })).toBe(0);
      }
    }
  });

  const cases = Object.entries(RULES).flatMap(([route, rule]) =>
    WHO.flatMap((who) => (rule.scoped ? (['in', 'out'] as Subject[]) : (['in'] as Subject[])).map((subject) => ({ route, who, subject, rule }))),
  );

  it.each(cases.map((c) => [`${c.route} as ${c.who}${c.rule.scoped ? ` (${c.subject} scope)` : ''}`, c] as const))('%s', async (_name, { route, who, subject, rule }) => {
    const [method, template] = route.split(' ');
    const call = await rule.call(ctx, who, subject);
    expect(call.path.split('?')[0]).toMatch(new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`));
    const requestId = `route-${randomUUID()}`;
    let req = stack.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](call.path).set('X-Request-Id', requestId);
    const token = call.token === undefined ? ctx.tokens[who] : call.token;
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (call.file) req = req.attach('file', Buffer.from(call.file.content), call.file.name);
    else if (call.form) req = req.type('form').send(call.form);
    else if (call.body !== undefined) req = req.send(call.body as object);
    const res = await req;
    await call.after?.();

    const expected = rule.expect(who, subject);
    if (res.status !== expected) throw new Error(`${route} as ${who} (${subject}): expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    // Every state-changing request that succeeded left an audit event carrying its request id.
    if (method !== 'GET' && res.status < 300) {
      const events = await stack.dataSource.getRepository(AuditEvent).countBy({ requestId });
      if (events === 0) throw new Error(`${route} as ${who} succeeded without an audit event`);
    }
  });
});
