import { randomUUID } from 'node:crypto';
import { AuditEvent } from '@dondoc/audit';
import { createPerson, createUnits, PASSWORD } from './factories/organisation.factory';
import { latestPasswordToken } from './helpers/mail-links';
import { startTestStack, type TestStack } from './helpers/test-stack';

const NEW_PASSWORD = 'Quen-mat-khau-2026';

/** "Forgot your password?" through the real API: the email arrives in the suite's own SMTP server. */
describe('Forgotten password', () => {
  let stack: TestStack;
  let adminToken: string;
  let unitId: string;
  let counter = 0;

  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE: '4' } });
    adminToken = await stack.login();
    ({ QT: unitId } = await createUnits(stack, adminToken, [{ code: 'QT', nameVi: 'Sở Quên mật khẩu', level: 'province' }]));
  });

  afterAll(() => stack.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (email: string, password: string) => stack.http().post('/api/auth/login').send({ email, password });
  const forgot = (email: string, requestId = `forgot-${randomUUID()}`) =>
    stack.http().post('/api/auth/forgot-password').set('X-Request-Id', requestId).send({ email });
  const auditOf = (requestId: string) => stack.dataSource.getRepository(AuditEvent).findBy({ requestId });

  async function person(): Promise<{ id: string; email: string }> {
    const email = `quen.${++counter}@quen.gov.vn`;
    const id = await createPerson(stack, adminToken, { email, name: `Người quên ${counter}`, unit: 'QT', roles: ['OFFICER'] }, { QT: unitId });
    return { id, email };
  }

  it('emails an active account the same one-time reset link an administrator sends; the link sets a new password and ends every session', async () => {
    const { id, email } = await person();
    const session = (await login(email, PASSWORD).expect(200)).body.accessToken as string;
    const before = stack.mail.to(email).length;
    const requestId = `forgot-${randomUUID()}`;

    // The email is found whatever its case.
    const res = await forgot(email.toUpperCase(), requestId).expect(204);
    expect(res.text).toBe('');

    const token = await latestPasswordToken(stack.mail, email, before);
    const [mail] = stack.mail.to(email).slice(-1);
    expect(mail.subject).toBe('[dondoc] Đặt lại mật khẩu');
    expect(await auditOf(requestId)).toEqual([
      expect.objectContaining({ action: 'PASSWORD_RESET_REQUESTED', actorType: 'ANONYMOUS', subjectType: 'user', subjectId: id }),
    ]);

    await stack.http().post('/api/auth/password-reset').send({ token, newPassword: NEW_PASSWORD }).expect(204);
    await stack.http().get('/api/auth/me').set(auth(session)).expect(401);
    await login(email, PASSWORD).expect(401);
    await login(email, NEW_PASSWORD).expect(200);
    // One-time: the link does not work twice.
    const reused = await stack.http().post('/api/auth/password-reset').send({ token, newPassword: 'Lan-thu-hai-2026' }).expect(400);
    expect(reused.body.errors[0]).toMatchObject({ field: 'token', rule: 'valid' });
  });

  it('answers an unknown email and a deactivated account exactly as an active one, and sends them nothing', async () => {
    const active = await person();
    const deactivated = await person();
    await stack.http().patch(`/api/users/${deactivated.id}`).set(auth(adminToken)).send({ active: false }).expect(200);
    const unknown = 'khong.ton.tai@quen.gov.vn';
    const counts = { active: stack.mail.to(active.email).length, deactivated: stack.mail.to(deactivated.email).length };

    const ids = { unknown: `forgot-${randomUUID()}`, deactivated: `forgot-${randomUUID()}`, active: `forgot-${randomUUID()}` };
    const answers = [await forgot(unknown, ids.unknown), await forgot(deactivated.email, ids.deactivated), await forgot(active.email, ids.active)];
    const shape = (res: (typeof answers)[number]) => ({
      status: res.status,
      text: res.text,
      type: res.headers['content-type'],
      length: res.headers['content-length'],
    });
    expect(answers.map(shape)).toEqual(Array(3).fill({ status: 204, text: '', type: undefined, length: undefined }));

    // The active account's email arrives (it was asked for last), the others never get one.
    await latestPasswordToken(stack.mail, active.email, counts.active);
    expect(stack.mail.to(unknown)).toEqual([]);
    expect(stack.mail.to(deactivated.email)).toHaveLength(counts.deactivated);

    // Every request is audited, with what happened.
    expect(await auditOf(ids.unknown)).toEqual([
      expect.objectContaining({ action: 'PASSWORD_RESET_REQUEST_IGNORED', actorType: 'ANONYMOUS', subjectId: null, summary: expect.objectContaining({ email: unknown, reason: 'unknownEmail' }) }),
    ]);
    expect(await auditOf(ids.deactivated)).toEqual([
      expect.objectContaining({ action: 'PASSWORD_RESET_REQUEST_IGNORED', subjectId: deactivated.id, summary: expect.objectContaining({ reason: 'inactive' }) }),
    ]);
    expect(await auditOf(ids.active)).toEqual([expect.objectContaining({ action: 'PASSWORD_RESET_REQUESTED', subjectId: active.id })]);
  });

  it('a newer link replaces the one asked for before', async () => {
    const { email } = await person();
    let before = stack.mail.to(email).length;
    await forgot(email).expect(204);
    const older = await latestPasswordToken(stack.mail, email, before);
    before = stack.mail.to(email).length;
    await forgot(email).expect(204);
    const newer = await latestPasswordToken(stack.mail, email, before);
    await stack.http().post('/api/auth/password-reset').send({ token: older, newPassword: NEW_PASSWORD }).expect(400);
    await stack.http().post('/api/auth/password-reset').send({ token: newer, newPassword: NEW_PASSWORD }).expect(204);
  });

  it('refuses a malformed email with a 400 naming the field, and changes nothing', async () => {
    const requestId = `forgot-${randomUUID()}`;
    const res = await forgot('khong-phai-email', requestId).expect(400);
    expect(res.body.errors).toEqual([{ field: 'email', rule: 'isEmail', message: 'email phải là địa chỉ email hợp lệ' }]);
    const missing = await stack.http().post('/api/auth/forgot-password').send({}).expect(400);
    expect((missing.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['email']);
    expect(await auditOf(requestId)).toEqual([]);
  });

  it('limits requests per email, whether or not the account exists (429)', async () => {
    for (const email of [(await person()).email, 'chua.co@quen.gov.vn']) {
      for (let i = 0; i < 4; i++) await forgot(email).expect(204);
      const limited = await forgot(email).expect(429);
      expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'Quá nhiều yêu cầu; vui lòng thử lại sau.' });
    }
  });
});
