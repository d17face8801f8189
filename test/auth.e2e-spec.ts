import { JwtService, type JwtSignOptions } from '@nestjs/jwt';
import request from 'supertest';
import { AuditEvent } from '@dondoc/audit';
import { createApiApp } from '../apps/api/src/setup-app';
import { createPerson, createUnits, PASSWORD } from './factories/organisation.factory';
import { latestPasswordToken } from './helpers/mail-links';
import { ADMIN, startTestStack, type TestStack } from './helpers/test-stack';

const NEW_PASSWORD = 'Mat-khau-moi-2026';

/** Sign-in, sessions and passwords through the real API, with low limits so they can be reached. */
describe('Authentication', () => {
  let stack: TestStack;
  let adminToken: string;
  let unitId: string;
  let counter = 0;

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        AUTH_MAX_FAILED_LOGINS: '3',
        AUTH_LOCKOUT_SECONDS: '2',
        AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE: '6',
        AUTH_RATE_LIMIT_IP_PER_MINUTE: '80',
      },
    });
    adminToken = await stack.login();
    ({ UBND: unitId } = await createUnits(stack, adminToken, [{ code: 'UBND', nameVi: 'Uỷ ban nhân dân', level: 'province' }]));
  });

  afterAll(() => stack.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (email: string, password: string) => stack.http().post('/api/auth/login').send({ email, password });

  /** A fresh user with a password (set through their invitation link). */
  async function person(): Promise<{ id: string; email: string }> {
    const email = `nguoi.dung.${++counter}@ubnd.gov.vn`;
    const id = await createPerson(stack, adminToken, { email, name: `Người dùng ${counter}`, unit: 'UBND', roles: ['OFFICER'] }, { UBND: unitId });
    return { id, email };
  }

  it('signs in with a short-lived access token and a refresh token', async () => {
    const { email } = await person();
    const res = await login(email.toUpperCase(), PASSWORD).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: expect.any(Number) });
    expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await stack.http().get('/api/auth/me').set(auth(res.body.accessToken)).expect(200);
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const { email } = await person();
    const unknown = await login('khong.ton.tai@ubnd.gov.vn', PASSWORD).expect(401);
    const wrong = await login(email, 'Sai-mat-khau-123').expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(unknown.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Email hoặc mật khẩu không đúng.' });
  });

  it('rotates refresh tokens; a reused one ends the whole session', async () => {
    const { email } = await person();
    const first = (await login(email, PASSWORD).expect(200)).body;
    const second = (await stack.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await stack.http().get('/api/auth/me').set(auth(second.accessToken)).expect(200);

    // The first token again: stolen or replayed. Everything of that session stops working.
    await stack.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await stack.http().get('/api/auth/me').set(auth(second.accessToken)).expect(401);
    await stack.http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    const revoked = await stack.dataSource.getRepository(AuditEvent).findOneBy({ action: 'SESSION_REVOKED' });
    expect(revoked?.summary).toMatchObject({ reason: 'REFRESH_TOKEN_REUSED' });
  });

  it('logout ends the session at once, access and refresh token alike', async () => {
    const { email } = await person();
    const tokens = (await login(email, PASSWORD).expect(200)).body;
    await stack.http().post('/api/auth/logout').set(auth(tokens.accessToken)).expect(204);
    await stack.http().get('/api/auth/me').set(auth(tokens.accessToken)).expect(401);
    await stack.http().post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('refuses forged, expired-looking or foreign tokens', async () => {
    const { email } = await person();
    const accessToken = (await login(email, PASSWORD).expect(200)).body.accessToken as string;
    const [header, payload] = accessToken.split('.');
    await stack.http().get('/api/auth/me').set(auth(`${header}.${payload}.forged`)).expect(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await stack.http().get('/api/auth/me').set(auth(none)).expect(401);
    await stack.http().get('/api/auth/me').set('Authorization', `Basic ${accessToken}`).expect(401);
  });

  it('refuses a token signed with the right secret that lacks exp, iat, typ, the user or the session', async () => {
    const { email } = await person();
    const accessToken = (await login(email, PASSWORD).expect(200)).body.accessToken as string;
    const jwt = new JwtService({ secret: process.env.JWT_SECRET, signOptions: { algorithm: 'HS256', issuer: 'dondoc' } });
    const { sub, sid } = jwt.decode<{ sub: string; sid: string }>(accessToken);
    const me = (claims: object, options: JwtSignOptions = { expiresIn: 60 }) => stack.http().get('/api/auth/me').set(auth(jwt.sign(claims, options)));

    await me({ sub, sid, typ: 'access' }).expect(200); // the same claims, signed here: accepted
    await me({ sub, sid, typ: 'access' }, {}).expect(401); // no exp: it would never expire
    await me({ sub, sid, typ: 'access' }, { expiresIn: 60, noTimestamp: true }).expect(401); // no iat
    await me({ sub, sid }).expect(401); // no typ
    await me({ sub, sid, typ: 'refresh' }).expect(401);
    await me({ sub, typ: 'access' }).expect(401); // no session
    await me({ sid, typ: 'access' }).expect(401); // no user
    await me({ sub: 'admin', sid, typ: 'access' }).expect(401); // not a user id
    // Each claim genuine, but the session is another person's: neither of them is signed in by it.
    const other = await person();
    const otherToken = (await login(other.email, PASSWORD).expect(200)).body.accessToken as string;
    const { sid: otherSid } = jwt.decode<{ sid: string }>(otherToken);
    await me({ sub, sid: otherSid, typ: 'access' }).expect(401);
    await me({ sub: other.id, sid, typ: 'access' }).expect(401);
    await me({ sub: other.id, sid: otherSid, typ: 'access' }).expect(200);
    await me({ sub, sid, typ: 'access' }, { expiresIn: 60, issuer: 'someone-else' }).expect(401);
  });

  it('locks an account after repeated failures, with the same answer, and unlocks it after a while', async () => {
    const { id, email } = await person();
    for (let i = 0; i < 3; i++) await login(email, 'Sai-mat-khau-123').expect(401);
    const locked = await login(email, PASSWORD).expect(401); // right password, but locked
    expect(locked.body.code).toBe('INVALID_CREDENTIALS');
    const user = await stack.http().get(`/api/users/${id}`).set(auth(adminToken)).expect(200);
    expect(user.body.lockedUntil).not.toBeNull();
    const events = await stack.dataSource.getRepository(AuditEvent).findBy({ subjectId: id, action: 'ACCOUNT_LOCKED' });
    expect(events).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await login(email, PASSWORD).expect(200);
  });

  it('limits attempts per account, whether or not the account exists (429)', async () => {
    const email = 'ai.do@ubnd.gov.vn';
    for (let i = 0; i < 6; i++) await login(email, 'x').expect(401);
    const limited = await login(email, 'x').expect(429);
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'Quá nhiều yêu cầu; vui lòng thử lại sau.' });
    expect(Number(limited.headers['retry-after-account'] ?? limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts an account’s attempts across API processes: a second API on the same database shares the limit', async () => {
    const second = await createApiApp();
    await second.listen(0, '127.0.0.1');
    try {
      const apis = [stack.http, () => request(second.getHttpServer())];
      const email = 'hai.tien.trinh@ubnd.gov.vn';
      // Six attempts in all (the limit), alternating between the two processes: each saw only three.
      for (let i = 0; i < 6; i++) await apis[i % 2]().post('/api/auth/login').send({ email, password: 'x' }).expect(401);
      await apis[0]().post('/api/auth/login').send({ email, password: 'x' }).expect(429);
      await apis[1]().post('/api/auth/login').send({ email, password: 'x' }).expect(429);
      const [row] = await stack.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM rate_limits');
      expect(row.n).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('changes a password: the current one is required, the rule enforced, other sessions end', async () => {
    const { email } = await person();
    const here = (await login(email, PASSWORD).expect(200)).body.accessToken as string;
    const elsewhere = (await login(email, PASSWORD).expect(200)).body.accessToken as string;
    const wrong = await stack.http().post('/api/auth/password').set(auth(here)).send({ currentPassword: 'nope', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', rule: 'matches', message: 'mật khẩu hiện tại không đúng' }]);
    const weak = await stack.http().post('/api/auth/password').set(auth(here)).send({ currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    expect(weak.body.errors).toEqual([{ field: 'newPassword', rule: 'isStrongPassword', message: 'newPassword phải có ít nhất 12 ký tự, gồm chữ hoa, chữ thường và chữ số' }]);

    await stack.http().post('/api/auth/password').set(auth(here)).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
    await stack.http().get('/api/auth/me').set(auth(here)).expect(200);
    await stack.http().get('/api/auth/me').set(auth(elsewhere)).expect(401);
    await login(email, PASSWORD).expect(401);
    await login(email, NEW_PASSWORD).expect(200);
  });

  it('an administrator’s reset sends a one-time, expiring link that ends every session and unlocks the account', async () => {
    const { id, email } = await person();
    const session = (await login(email, PASSWORD).expect(200)).body.accessToken as string;
    for (let i = 0; i < 3; i++) await login(email, 'Sai-mat-khau-123').expect(401);
    const before = stack.mail.to(email).length;
    await stack.http().post(`/api/users/${id}/password-reset`).set(auth(adminToken)).expect(202);
    const token = await latestPasswordToken(stack.mail, email, before);
    const [mail] = stack.mail.to(email).slice(-1);
    expect(mail.subject).toBe('[dondoc] Đặt lại mật khẩu');
    expect(mail.text).toContain('(GMT+7)');

    const page = await stack.http().get(`/api/auth/password-reset?token=${encodeURIComponent(token)}`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Đặt mật khẩu dondoc');

    await stack.http().post('/api/auth/password-reset').send({ token, newPassword: NEW_PASSWORD }).expect(204);
    await stack.http().get('/api/auth/me').set(auth(session)).expect(401);
    await login(email, NEW_PASSWORD).expect(200);
    const reused = await stack.http().post('/api/auth/password-reset').send({ token, newPassword: 'Another-pass-2026' }).expect(400);
    expect(reused.body.errors[0]).toMatchObject({ field: 'token', rule: 'valid' });
    const forged = await stack.http().post('/api/auth/password-reset').send({ token: `${token.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, newPassword: NEW_PASSWORD }).expect(400);
    expect(forged.body.errors[0].field).toBe('token');
  });

  it('a newer reset link replaces the older one', async () => {
    const { id, email } = await person();
    let before = stack.mail.to(email).length;
    await stack.http().post(`/api/users/${id}/password-reset`).set(auth(adminToken)).expect(202);
    const older = await latestPasswordToken(stack.mail, email, before);
    before = stack.mail.to(email).length;
    await stack.http().post(`/api/users/${id}/password-reset`).set(auth(adminToken)).expect(202);
    const newer = await latestPasswordToken(stack.mail, email, before);
    await stack.http().post('/api/auth/password-reset').send({ token: older, newPassword: NEW_PASSWORD }).expect(400);
    await stack.http().post('/api/auth/password-reset').send({ token: newer, newPassword: NEW_PASSWORD }).expect(204);
  });

  it('an invited user sets a password through the HTML form', async () => {
    const email = 'moi.vao@ubnd.gov.vn';
    await stack.http().post('/api/users').set(auth(adminToken)).send({ email, name: 'Người mới', unitId, roles: ['OFFICER'], language: 'en' }).expect(201);
    const token = await latestPasswordToken(stack.mail, email);
    expect(stack.mail.to(email)[0].subject).toBe('[dondoc] You are invited to the task accountability system');
    const mismatch = await stack.http().post('/api/auth/password-reset/form').type('form').send({ token, newPassword: NEW_PASSWORD, confirmPassword: 'different' }).expect(400);
    expect(mismatch.text).toContain('Hai mật khẩu không khớp');
    const weak = await stack.http().post('/api/auth/password-reset/form').type('form').send({ token, newPassword: 'weak', confirmPassword: 'weak' }).expect(400);
    expect(weak.text).toContain('ít nhất 12 ký tự');
    const done = await stack.http().post('/api/auth/password-reset/form').type('form').send({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(200);
    expect(done.text).toContain('Đã đặt mật khẩu');
    await login(email, NEW_PASSWORD).expect(200);
  });

  it('limits attempts per address too (429), across accounts', async () => {
    let status = 0;
    for (let i = 0; i < 100 && status !== 429; i++) status = (await login(`dia.chi.${i}@ubnd.gov.vn`, 'x')).status;
    expect(status).toBe(429);
    // The administrator is limited from this address as well, until the window passes.
    await login(ADMIN.email, ADMIN.password).expect(429);
  });
});
