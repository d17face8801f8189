import { randomUUID } from 'node:crypto';
import { Role } from '@dondoc/common';
import { DiagnosticRun } from '@dondoc/diagnostics';
import { UserFactory, DEFAULT_PASSWORD } from './factories/user.factory';
import { eventually } from './helpers/eventually';
import { ADMIN, startTestStack, type TestStack } from './helpers/test-stack';

describe('Diagnostic chain: API → Temporal → worker → PostgreSQL + SMTP', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack({ env: { CORS_ORIGINS: 'https://dondoc.example.gov.vn' } });
    token = await stack.login();
  });

  afterAll(() => stack.close());

  async function completedRun(id: string) {
    return eventually(async () => {
      const res = await stack.http().get(`/api/diagnostics/${id}`).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('COMPLETED');
      expect(res.body.workflowStatus).toBe('COMPLETED');
      return res.body as Record<string, unknown>;
    });
  }

  it('starts a workflow whose activities write a row and send a Vietnamese email', async () => {
    const res = await stack
      .http()
      .post('/api/diagnostics')
      .set('Authorization', `Bearer ${token}`)
      .send({ message: 'Kiểm tra chuỗi xử lý' })
      .expect(202);
    expect(res.body).toMatchObject({ status: 'PENDING', recipient: ADMIN.email, workflowId: `diagnostic-${res.body.id}` });

    const run = await completedRun(res.body.id);
    expect(run).toMatchObject({ recipient: ADMIN.email, message: 'Kiểm tra chuỗi xử lý', emailMessageId: `<diagnostic.${res.body.id}@dondoc>` });

    const [mail] = await stack.mail.waitFor((m) => m.messageId === run.emailMessageId);
    expect(mail.envelopeTo).toEqual([ADMIN.email]);
    expect(mail.subject).toBe(`[dondoc] Kiểm tra hệ thống thành công (${res.body.id})`);
    expect(mail.text).toContain('Nội dung: Kiểm tra chuỗi xử lý');
    expect(mail.text).toContain(`http://dondoc.test/api/diagnostics/${res.body.id}`);
    expect(mail.text).toMatch(/\(GMT\+7\)/);
    expect(mail.html).toContain('<html lang="vi">');

    const row = await stack.dataSource.getRepository(DiagnosticRun).findOneByOrFail({ id: res.body.id });
    expect(row.status).toBe('COMPLETED');
  });

  it('writes the email in English when asked, to another recipient', async () => {
    const res = await stack
      .http()
      .post('/api/diagnostics')
      .set('Authorization', `Bearer ${token}`)
      .send({ recipient: 'Ops@Example.GOV.vn', language: 'en' })
      .expect(202);
    await completedRun(res.body.id);
    const [mail] = await stack.mail.waitFor((m) => m.envelopeTo.includes('ops@example.gov.vn'));
    expect(mail.subject).toBe(`[dondoc] System check succeeded (${res.body.id})`);
  });

  it('sends exactly one email when the SMTP server refuses the first attempt (activity retried)', async () => {
    stack.mail.failWith({ code: 451, message: '4.3.0 Try again later', times: 1 });
    const res = await stack
      .http()
      .post('/api/diagnostics')
      .set('Authorization', `Bearer ${token}`)
      .send({ recipient: 'retry@example.gov.vn' })
      .expect(202);
    await completedRun(res.body.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stack.mail.to('retry@example.gov.vn')).toHaveLength(1);
  });

  it('fails the run at once, with the server’s reply, when the SMTP server refuses for good (5xx): no retry', async () => {
    // Only the first attempt is refused: a retry would succeed, so a COMPLETED run would mean one was made.
    stack.mail.failWith({ code: 550, message: '5.1.1 Mailbox unavailable', times: 1 });
    const res = await stack.http().post('/api/diagnostics').set('Authorization', `Bearer ${token}`).send({ recipient: 'refused@example.gov.vn' }).expect(202);
    const run = await eventually(async () => {
      const got = await stack.http().get(`/api/diagnostics/${res.body.id}`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(got.body.status).toBe('FAILED');
      return got.body as Record<string, unknown>;
    });
    expect(run.failureReason).toContain('5.1.1 Mailbox unavailable');
    expect(stack.mail.to('refused@example.gov.vn')).toHaveLength(0);
  });

  it('refuses requests without a valid token (401) and from non-administrators (403)', async () => {
    await stack.http().post('/api/diagnostics').send({}).expect(401);
    const bad = await stack.http().post('/api/diagnostics').set('Authorization', 'Bearer not-a-jwt').send({}).expect(401);
    expect(bad.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Cần đăng nhập để thực hiện yêu cầu này.' });

    const officer = await UserFactory.create(stack.dataSource, { roles: [Role.OFFICER] });
    const officerToken = await stack.login(officer.email, DEFAULT_PASSWORD);
    const res = await stack.http().post('/api/diagnostics').set('Authorization', `Bearer ${officerToken}`).send({}).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('names every invalid field, in Vietnamese by default and English on request, and starts nothing', async () => {
    const before = await stack.dataSource.getRepository(DiagnosticRun).count();
    const res = await stack
      .http()
      .post('/api/diagnostics')
      .set('Authorization', `Bearer ${token}`)
      .send({ recipient: 'not-an-email', language: 'fr', message: 42, admin: true })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'recipient', rule: 'isEmail', message: 'recipient phải là địa chỉ email hợp lệ' },
        { field: 'language', rule: 'isIn', message: 'language phải là một trong: vi, en' },
        { field: 'message', rule: 'isString', message: 'message phải là chuỗi ký tự' },
        { field: 'admin', rule: 'whitelistValidation', message: 'trường admin không được phép' },
      ]),
    );
    // The signed-in user's language (vi) wins over the browser's Accept-Language; ?lang= wins over both.
    const en = await stack
      .http()
      .post('/api/diagnostics?lang=en')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept-Language', 'vi')
      .send({ recipient: 'not-an-email' })
      .expect(400);
    expect(en.body.message).toBe('The request data is invalid.');
    expect(en.body.errors).toEqual([{ field: 'recipient', rule: 'isEmail', message: 'recipient must be a valid email address' }]);
    const anonymous = await stack.http().post('/api/auth/login').set('Accept-Language', 'en-GB,en;q=0.9').send({ email: 'x' }).expect(400);
    expect(anonymous.body.errors).toEqual(
      expect.arrayContaining([{ field: 'email', rule: 'isEmail', message: 'email must be a valid email address' }]),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stack.dataSource.getRepository(DiagnosticRun).count()).toBe(before);
  });

  it('answers malformed, oversized and unknown requests with 4xx, never 5xx', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const malformed = await stack.http().post('/api/diagnostics').set(auth).set('Content-Type', 'application/json').send('{"recipient":').expect(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_BODY', message: 'Nội dung yêu cầu không phải JSON hợp lệ.' });
    const huge = await stack.http().post('/api/diagnostics').set(auth).send({ message: 'x'.repeat(2 * 1024 * 1024) }).expect(413);
    expect(huge.body.code).toBe('BODY_TOO_LARGE');
    const notUuid = await stack.http().get('/api/diagnostics/abc').set(auth).expect(400);
    expect(notUuid.body.errors).toEqual([{ field: 'id', rule: 'isUuid', message: 'id phải là UUID hợp lệ' }]);
    const unknown = randomUUID();
    const missing = await stack.http().get(`/api/diagnostics/${unknown}`).set(auth).expect(404);
    expect(missing.body.message).toBe(`Không tìm thấy lượt chẩn đoán có mã ${unknown}.`);
    const wrongType = await stack.http().post('/api/diagnostics').set(auth).send(['a']).expect(400);
    expect(wrongType.body.code).toBe('VALIDATION_FAILED');
  });

  it('sends security headers, and allows cross-origin calls only from the configured origins', async () => {
    const res = await stack.http().get('/api/health').set('Origin', 'https://dondoc.example.gov.vn');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://dondoc.example.gov.vn');
    const other = await stack.http().get('/api/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await stack.http().options('/api/diagnostics').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('gives every response a request id, echoing a sensible one from the caller', async () => {
    const res = await stack.http().get('/api/health').set('X-Request-Id', 'trace-12345678');
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    const generated = await stack.http().get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
