import { AuditEvent } from '@dondoc/audit';
import { createPerson, createUnits, PASSWORD } from './factories/organisation.factory';
import { htmlLinksIn, latestPasswordToken } from './helpers/mail-links';
import { startTestStack, type TestStack } from './helpers/test-stack';

const WEB = { 'X-Dondoc-Client': 'web' };

/** One Set-Cookie line, split into its value and attributes (names lower-cased). */
interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

function setCookies(headers: Record<string, unknown>): SetCookie[] {
  const lines = (headers['set-cookie'] as string[] | undefined) ?? [];
  return lines.map((line) => {
    const [pair, ...parts] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const part of parts) {
      const at = part.indexOf('=');
      attributes[(at < 0 ? part : part.slice(0, at)).toLowerCase()] = at < 0 ? true : part.slice(at + 1);
    }
    return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes };
  });
}

/** The refresh cookie an answer sets (throws unless exactly one). */
function refreshCookieOf(headers: Record<string, unknown>): SetCookie {
  const cookies = setCookies(headers).filter((c) => c.name === 'dondoc_refresh');
  if (cookies.length !== 1) throw new Error(`expected one dondoc_refresh cookie, got ${JSON.stringify(headers['set-cookie'])}`);
  return cookies[0];
}

/** The web app's sessions (refresh token in an httpOnly cookie), signing out everywhere, the language saved to the user, and password links into the web app. */
describe('Web sessions and links', () => {
  let stack: TestStack;
  let adminToken: string;
  let unitId: string;
  let counter = 0;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    adminToken = await stack.login();
    ({ UBND: unitId } = await createUnits(stack, adminToken, [{ code: 'UBND', nameVi: 'Uỷ ban nhân dân', level: 'province' }]));
  });

  afterAll(() => stack.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function person(): Promise<{ id: string; email: string }> {
    const email = `phien.${++counter}@ubnd.gov.vn`;
    const id = await createPerson(stack, adminToken, { email, name: `Người dùng ${counter}`, unit: 'UBND', roles: ['OFFICER'] }, { UBND: unitId });
    return { id, email };
  }

  /** Signs in as the web app does: the refresh token comes back as a cookie only. */
  async function webLogin(email: string): Promise<{ accessToken: string; cookie: SetCookie; body: Record<string, unknown> }> {
    const res = await stack.http().post('/api/auth/login').set(WEB).send({ email, password: PASSWORD, transport: 'cookie' }).expect(200);
    return { accessToken: res.body.accessToken as string, cookie: refreshCookieOf(res.headers), body: res.body as Record<string, unknown> };
  }

  const refreshWith = (cookie: string, headers: Record<string, string> = WEB) => stack.http().post('/api/auth/refresh').set(headers).set('Cookie', `dondoc_refresh=${cookie}`).send({});

  it('signs in with the refresh token in an httpOnly, Strict, /api/auth-scoped, Secure cookie, never in the answer', async () => {
    const { email } = await person();
    const { accessToken, cookie, body } = await webLogin(email);
    expect(body).toEqual({ accessToken, tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: expect.any(Number) });
    expect(body.refreshExpiresIn).toBeGreaterThan(14 * 86_400 - 60);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/auth', secure: true, 'max-age': String(body.refreshExpiresIn) });
    await stack.http().get('/api/auth/me').set(auth(accessToken)).expect(200);
  });

  it('keeps the refresh token in the answer, and sets no cookie, by default', async () => {
    const { email } = await person();
    const res = await stack.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers['set-cookie']).toBeUndefined();
    const explicit = await stack.http().post('/api/auth/login').send({ email, password: PASSWORD, transport: 'body' }).expect(200);
    expect(explicit.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a cookie sign-in without X-Dondoc-Client: web, and an unknown transport', async () => {
    const { email } = await person();
    const bare = await stack.http().post('/api/auth/login').send({ email, password: PASSWORD, transport: 'cookie' }).expect(400);
    expect(bare.body).toMatchObject({ code: 'CLIENT_HEADER_REQUIRED', message: 'Phiên đăng nhập bằng cookie chỉ dùng được từ ứng dụng web dondoc: yêu cầu phải có tiêu đề X-Dondoc-Client: web.' });
    expect(bare.headers['set-cookie']).toBeUndefined();
    const english = await stack.http().post('/api/auth/login?lang=en').set('X-Dondoc-Client', 'mobile').send({ email, password: PASSWORD, transport: 'cookie' }).expect(400);
    expect(english.body.message).toBe('A cookie session works only from the dondoc web app: the request needs the header X-Dondoc-Client: web.');
    const odd = await stack.http().post('/api/auth/login').set(WEB).send({ email, password: PASSWORD, transport: 'header' }).expect(400);
    expect(odd.body.errors).toEqual([{ field: 'transport', rule: 'isIn', message: 'transport phải là một trong: body, cookie' }]);
  });

  it('refreshes from the cookie with the header: a new cookie each time, the old one ends the session if replayed', async () => {
    const { email } = await person();
    const first = await webLogin(email);
    const refreshed = await refreshWith(first.cookie.value).expect(200);
    expect(refreshed.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: expect.any(Number) });
    const second = refreshCookieOf(refreshed.headers);
    expect(second.value).not.toBe(first.cookie.value);
    expect(second.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/auth', secure: true });
    // The session's end does not move: the cookie lives as long as the session has left.
    expect(Number(second.attributes['max-age'])).toBeLessThanOrEqual(Number(first.cookie.attributes['max-age']));
    await stack.http().get('/api/auth/me').set(auth(refreshed.body.accessToken)).expect(200);

    // The first cookie again: stolen or replayed. The session ends; the answer drops the cookie.
    const replayed = await refreshWith(first.cookie.value).expect(401);
    expect(replayed.body.code).toBe('UNAUTHENTICATED');
    const dropped = refreshCookieOf(replayed.headers);
    expect(dropped.value).toBe('');
    expect(dropped.attributes).toMatchObject({ path: '/api/auth', expires: 'Thu, 01 Jan 1970 00:00:00 GMT' });
    await stack.http().get('/api/auth/me').set(auth(refreshed.body.accessToken)).expect(401);
    await refreshWith(second.value).expect(401);
    const revoked = await stack.dataSource.getRepository(AuditEvent).findBy({ action: 'SESSION_REVOKED' });
    expect(revoked.map((e) => e.summary)).toContainEqual(expect.objectContaining({ reason: 'REFRESH_TOKEN_REUSED' }));
  });

  it('reads the cookie only with X-Dondoc-Client: web; says which field is missing otherwise', async () => {
    const { email } = await person();
    const { cookie } = await webLogin(email);
    for (const headers of [{}, { 'X-Dondoc-Client': 'mobile' }] as Record<string, string>[]) {
      const res = await refreshWith(cookie.value, headers).expect(400);
      expect(res.body).toMatchObject({ code: 'CLIENT_HEADER_REQUIRED', message: 'Phiên đăng nhập bằng cookie chỉ dùng được từ ứng dụng web dondoc: yêu cầu phải có tiêu đề X-Dondoc-Client: web.' });
    }
    // Refused before use: the cookie still works from the web app.
    await refreshWith(cookie.value).expect(200);

    const signedOut = await stack.http().post('/api/auth/refresh').set(WEB).send({}).expect(401);
    expect(signedOut.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Cần đăng nhập để thực hiện yêu cầu này.' });
    const nothing = await stack.http().post('/api/auth/refresh').send({}).expect(400);
    expect(nothing.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'refreshToken', rule: 'required', message: 'refreshToken là bắt buộc (ứng dụng web dùng cookie dondoc_refresh cùng tiêu đề X-Dondoc-Client: web)' }],
    });
    const nullToken = await stack.http().post('/api/auth/refresh').send({ refreshToken: null }).expect(400);
    expect(nullToken.body.errors).toEqual([{ field: 'refreshToken', rule: 'notNull', message: 'refreshToken không được là null (bỏ trường này đi nếu không muốn thay đổi)' }]);
  });

  it('a refresh token in the body is answered in the body, as before, even alongside a cookie', async () => {
    const { email } = await person();
    const login = await stack.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    const res = await stack.http().post('/api/auth/refresh').set('Cookie', 'dondoc_refresh=not-this-one').send({ refreshToken: login.body.refreshToken }).expect(200);
    expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('logout ends the session and clears the cookie', async () => {
    const { email } = await person();
    const { accessToken, cookie } = await webLogin(email);
    const res = await stack.http().post('/api/auth/logout').set(WEB).set(auth(accessToken)).set('Cookie', `dondoc_refresh=${cookie.value}`).expect(204);
    expect(refreshCookieOf(res.headers)).toMatchObject({ value: '', attributes: { path: '/api/auth', httponly: true, samesite: 'Strict', secure: true, expires: 'Thu, 01 Jan 1970 00:00:00 GMT' } });
    await stack.http().get('/api/auth/me').set(auth(accessToken)).expect(401);
    await refreshWith(cookie.value).expect(401);
  });

  it('logout-all ends every session of the user, on every device, clears the cookie, and is audited', async () => {
    const { id, email } = await person();
    const other = await person();
    const browser = await webLogin(email);
    const phone = (await stack.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).body as { accessToken: string; refreshToken: string };
    const stranger = await webLogin(other.email);

    const res = await stack.http().post('/api/auth/logout-all').set(WEB).set(auth(phone.accessToken)).set('X-Request-Id', 'logout-all-0001').expect(204);
    expect(refreshCookieOf(res.headers)).toMatchObject({ value: '', attributes: { path: '/api/auth', expires: 'Thu, 01 Jan 1970 00:00:00 GMT' } });
    for (const token of [browser.accessToken, phone.accessToken]) await stack.http().get('/api/auth/me').set(auth(token)).expect(401);
    await refreshWith(browser.cookie.value).expect(401);
    await stack.http().post('/api/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
    // Nobody else is signed out.
    await stack.http().get('/api/auth/me').set(auth(stranger.accessToken)).expect(200);
    const [event] = await stack.dataSource.getRepository(AuditEvent).findBy({ action: 'LOGOUT_ALL', requestId: 'logout-all-0001' });
    expect(event).toMatchObject({ actorId: id, actorEmail: email, subjectType: 'user', subjectId: id, summary: { endedSessions: 2 } });
    // Signing in again works at once.
    await webLogin(email);
    await stack.http().post('/api/auth/logout-all').expect(401);
  });

  it('saves the language to the user: answers follow it, the change is audited, only vi or en', async () => {
    const { id, email } = await person();
    const token = await stack.login(email, PASSWORD);
    const res = await stack.http().patch('/api/auth/me').set(auth(token)).set('X-Request-Id', 'language-0001').send({ language: 'en' }).expect(200);
    expect(res.body).toMatchObject({ id, email, language: 'en', roles: ['OFFICER'] });
    const [event] = await stack.dataSource.getRepository(AuditEvent).findBy({ action: 'USER_UPDATED', requestId: 'language-0001' });
    expect(event).toMatchObject({ actorId: id, subjectId: id, summary: { before: { language: 'vi' }, after: { language: 'en' } } });
    // The signed-in user's language now speaks first (after ?lang=).
    const missing = await stack.http().get('/api/units/00000000-0000-4000-8000-000000000000').set(auth(token)).expect(404);
    expect(missing.body.message).toBe('Unit 00000000-0000-4000-8000-000000000000 was not found.');
    expect((await stack.http().get('/api/auth/me').set(auth(token)).expect(200)).body.language).toBe('en');
    // The same language again changes nothing and records nothing.
    await stack.http().patch('/api/auth/me').set(auth(token)).set('X-Request-Id', 'language-0002').send({ language: 'en' }).expect(200);
    expect(await stack.dataSource.getRepository(AuditEvent).countBy({ requestId: 'language-0002' })).toBe(0);

    const wrong = await stack.http().patch('/api/auth/me?lang=vi').set(auth(token)).send({ language: 'fr' }).expect(400);
    expect(wrong.body.errors).toEqual([{ field: 'language', rule: 'isIn', message: 'language phải là một trong: vi, en' }]);
    await stack.http().patch('/api/auth/me').set(auth(token)).send({}).expect(400);
    const more = await stack.http().patch('/api/auth/me').set(auth(token)).send({ language: 'vi', roles: ['ADMIN'] }).expect(400);
    expect(more.body.errors).toEqual([{ field: 'roles', rule: 'whitelistValidation', message: 'property roles is not allowed' }]); // in the user's language now
    expect((await stack.http().get(`/api/users/${id}`).set(auth(adminToken)).expect(200)).body).toMatchObject({ roles: ['OFFICER'], language: 'en' });
    await stack.http().patch('/api/auth/me').send({ language: 'vi' }).expect(401);
  });

  it('password emails link to the web app with the token in the fragment; the API’s old form still answers older links', async () => {
    const email = 'moi.moi@ubnd.gov.vn';
    await stack.http().post('/api/users').set(auth(adminToken)).send({ email, name: 'Người mới', unitId, roles: ['OFFICER'] }).expect(201);
    const token = await latestPasswordToken(stack.mail, email);
    const [mail] = stack.mail.to(email);
    const link = `http://dondoc.test/set-password#token=${token}`;
    expect(mail.text).toContain(link);
    expect(htmlLinksIn(mail)).toContain(link);
    expect(`${mail.text}${mail.html}`).not.toContain('/api/auth/password-reset');
    expect(`${mail.text}${mail.html}`).not.toContain('?token=');

    // A link sent before this change (the API's own form) still opens and works.
    const page = await stack.http().get(`/api/auth/password-reset?token=${encodeURIComponent(token)}`).expect(200);
    expect(page.text).toContain('Đặt mật khẩu dondoc');
    await stack.http().post('/api/auth/password-reset').send({ token, newPassword: 'Mat-khau-moi-2026' }).expect(204);
    await stack.http().post('/api/auth/login').send({ email, password: 'Mat-khau-moi-2026' }).expect(200);
  });
});
