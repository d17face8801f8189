import { parse } from 'csv-parse/sync';
import { type AuditEvent } from '@dondoc/audit';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { asSuperuser } from './helpers/database';
import { eventually } from './helpers/eventually';
import { startTestStack, type TestStack } from './helpers/test-stack';

/** The audit trail: what it records, who reads it, and that it cannot be changed unnoticed. */
describe('Audit trail', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
  });

  afterAll(() => stack.close());

  it('records every change with actor, request id and before/after', async () => {
    const res = await stack
      .http()
      .patch(`/api/units/${org.unitIds['HN-SKHCN']}`)
      .set(auth(org.adminToken))
      .set('X-Request-Id', 'audit-trace-0001')
      .send({ nameVi: 'Sở KH&CN Hà Nội', parentId: org.unitIds.BCD })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('audit-trace-0001');
    const events = await stack.http().get('/api/audit?requestId=audit-trace-0001').set(auth(org.tokens.auditor)).expect(200);
    const byAction = Object.fromEntries((events.body.items as AuditEvent[]).map((e) => [e.action, e]));
    expect(Object.keys(byAction).sort()).toEqual(['UNIT_MOVED', 'UNIT_UPDATED']);
    expect(byAction.UNIT_MOVED).toMatchObject({
      actorType: 'USER',
      actorEmail: 'admin@test.dondoc.vn',
      subjectType: 'unit',
      subjectId: org.unitIds['HN-SKHCN'],
      summary: { before: { parentId: org.unitIds.HN }, after: { parentId: org.unitIds.BCD } },
    });
    expect(byAction.UNIT_UPDATED.summary).toEqual({ before: { nameVi: 'Sở Khoa học và Công nghệ Hà Nội' }, after: { nameVi: 'Sở KH&CN Hà Nội' } });
    await stack.http().patch(`/api/units/${org.unitIds['HN-SKHCN']}`).set(auth(org.adminToken)).send({ parentId: org.unitIds.HN }).expect(200);
  });

  it('records sign-in failures and workflow-driven changes, never secrets', async () => {
    await stack.http().post('/api/auth/login').send({ email: 'nobody@x.vn', password: 'Secret-Guess-123' }).expect(401);
    const failed = await stack.http().get('/api/audit?action=LOGIN_FAILED').set(auth(org.adminToken)).expect(200);
    expect(failed.body.items[0]).toMatchObject({ actorType: 'ANONYMOUS', summary: { email: 'nobody@x.vn', reason: 'unknownEmail' } });

    const run = await stack.http().post('/api/diagnostics').set(auth(org.adminToken)).send({}).expect(202);
    await eventually(async () => {
      const events = await stack.http().get(`/api/audit?subjectType=diagnostic&subjectId=${run.body.id}`).set(auth(org.adminToken)).expect(200);
      const actions = (events.body.items as AuditEvent[]).map((e) => `${e.actorType} ${e.action}`).sort();
      expect(actions).toEqual(['SYSTEM DIAGNOSTIC_COMPLETED', 'SYSTEM DIAGNOSTIC_RECORDED', 'USER DIAGNOSTIC_STARTED']);
    });

    const [{ count }] = await stack.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM audit_events WHERE summary::text ILIKE '%Secret-Guess%' OR summary::text ILIKE '%Mat-khau%' OR summary::text ILIKE '%passwordHash%'`,
    );
    expect(count).toBe(0);
  });

  it('filters by actor, subject and time, with pagination; newest first', async () => {
    const mine = await stack.http().get(`/api/audit?actorId=${org.userIds.admin2}&pageSize=5`).set(auth(org.adminToken)).expect(200);
    expect((mine.body.items as AuditEvent[]).every((e) => e.actorId === org.userIds.admin2)).toBe(true);
    const all = await stack.http().get('/api/audit?pageSize=3&page=1').set(auth(org.adminToken)).expect(200);
    const seqs = (all.body.items as AuditEvent[]).map((e) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const future = await stack.http().get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).set(auth(org.adminToken)).expect(200);
    expect(future.body.total).toBe(0);
    const bad = await stack.http().get('/api/audit?from=yesterday&actorId=7').set(auth(org.adminToken)).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['actorId', 'from']);
  });

  it('exports the trail with its hashes (auditors and administrators only)', async () => {
    const res = await stack.http().get('/api/audit/export?format=csv&subjectType=unit').set(auth(org.tokens.auditor)).expect(200);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('seq,occurred_at,actor_type,actor_id,actor_email,action,subject_type,subject_id,summary,request_id,prev_hash,hash');
    expect(lines.length).toBeGreaterThan(8);
    await stack.http().get('/api/audit/export').set(auth(org.tokens.leaderCentral)).expect(403);
    await stack.http().get('/api/audit').set(auth(org.tokens.headHanoi)).expect(403);
  });

  it('exports a caller-chosen request id that a spreadsheet would compute as text (CSV)', async () => {
    await stack.http().patch(`/api/units/${org.unitIds['HN-SKHCN']}`).set(auth(org.adminToken)).set('X-Request-Id', '-1-2-3-4-5').send({ nameEn: 'Hanoi DOST' }).expect(200);
    const res = await stack.http().get('/api/audit/export?format=csv&requestId=-1-2-3-4-5').set(auth(org.tokens.auditor)).expect(200);
    const rows = parse<Record<string, string>>(res.text.replace(/^\uFEFF/, ''), { columns: true });
    expect(rows.map((row) => [row.action, row.request_id])).toEqual([['UNIT_UPDATED', "'-1-2-3-4-5"]]);
  });

  it('an auditor reads everything and changes nothing', async () => {
    await stack.http().get('/api/audit/verify').set(auth(org.tokens.auditor)).expect(200);
    await stack.http().post('/api/units').set(auth(org.tokens.auditor)).send({ code: 'AUD', nameVi: 'X', level: 'other' }).expect(403);
    await stack.http().patch(`/api/users/${org.userIds.officerCommune}`).set(auth(org.tokens.auditor)).send({ name: 'X' }).expect(403);
  });

  it('the application’s database role can neither update, delete nor truncate audit rows', async () => {
    await expect(stack.dataSource.query(`UPDATE audit_events SET action = 'X' WHERE seq = 1`)).rejects.toThrow(/permission denied|append-only/);
    await expect(stack.dataSource.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/permission denied|append-only/);
    await expect(stack.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied|append-only/);
    // Even a superuser is stopped by the triggers unless it switches them off.
    await expect(asSuperuser(stack.database.name, (db) => db.query(`UPDATE audit_events SET action = 'X' WHERE seq = 1`))).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, and finds the first tampered or missing event', async () => {
    const ok = await stack.http().get('/api/audit/verify').set(auth(org.adminToken)).expect(200);
    expect(ok.body).toMatchObject({ valid: true });
    expect(ok.body.checked).toBeGreaterThan(20);
    expect(ok.body.lastSeq).toBe(String(ok.body.checked));

    // A superuser edits a row behind the application's back.
    const [original] = await asSuperuser(stack.database.name, (db) =>
      db.query<{ summary: unknown }>(`SELECT summary FROM audit_events WHERE seq = 5`).then((r) => r.rows),
    );
    await asSuperuser(stack.database.name, async (db) => {
      await db.query('SET session_replication_role = replica');
      await db.query(`UPDATE audit_events SET summary = '{"after":{"nameVi":"đã sửa"}}' WHERE seq = 5`);
    });
    const tampered = await stack.http().get('/api/audit/verify').set(auth(org.adminToken)).expect(200);
    expect(tampered.body).toEqual({ valid: false, checked: 4, lastSeq: '4', firstBrokenSeq: '5', reason: 'hash mismatch' });

    // Put it back: the chain is whole again. Then remove a row: the gap is found.
    await asSuperuser(stack.database.name, async (db) => {
      await db.query('SET session_replication_role = replica');
      await db.query('UPDATE audit_events SET summary = $1 WHERE seq = 5', [JSON.stringify(original.summary)]);
    });
    expect((await stack.http().get('/api/audit/verify').set(auth(org.adminToken)).expect(200)).body.valid).toBe(true);
    await asSuperuser(stack.database.name, async (db) => {
      await db.query('SET session_replication_role = replica');
      await db.query('DELETE FROM audit_events WHERE seq = 7');
    });
    const missing = await stack.http().get('/api/audit/verify').set(auth(org.adminToken)).expect(200);
    expect(missing.body).toMatchObject({ valid: false, firstBrokenSeq: '7', reason: 'missing event' });
  });
});
