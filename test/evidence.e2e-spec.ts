import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate, type TaskRef } from './factories/task.factory';
import { testCertificates, type Pem } from './helpers/certificates';
import { eventually } from './helpers/eventually';
import { DATASET_RECORDS, DATASET_SHA256, startEvidenceWorld, verifiableEvidence, type EvidenceWorld } from './helpers/evidence-world';
import { serve, type TestServer } from './helpers/servers';
import { getTask, types, waitForEvent, type TimelineEntry } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const HEAD = 'chu.tich@minhchau.hanoi.gov.vn';
const OFFICER = 'can.bo@minhchau.hanoi.gov.vn';
const ADMIN_MAIL = 'admin@test.dondoc.vn';

interface CheckView {
  criterion: string;
  kind: string;
  index: number;
  url: string;
  checkedAt: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  details: Record<string, any>;
  reasons: { code: string; message: string }[];
}

interface CriterionView {
  status: string;
  attested: boolean;
  value: number | null;
  probes: { done: number; healthy: number; of: number } | null;
  reasons: { code: string; message: string }[];
  checks: CheckView[];
}

/**
 * dondoc checks evidence itself: real servers on loopback (allowlisted in the test configuration)
 * play the unit's portal, dataset and metrics; the worker probes them as Temporal activities, the
 * workflow decides, and the reviewer can approve only what was verified. After completion the
 * product keeps being probed, and a task whose product stops working is flagged regressed.
 */
describe('Evidence verification and after-care', () => {
  let stack: TestStack;
  let org: Organisation;
  let world: EvidenceWorld;
  let certificates: { ca: Pem; valid: Pem; expired: Pem };
  const servers: TestServer[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);

  /** The reviewer's view, in Vietnamese unless asked otherwise. */
  const evidenceView = async (task: TaskRef, lang = 'vi') => {
    const res = await stack.http().get(`/api/tasks/${task.id}/evidence?lang=${lang}`).set(auth(org.adminToken)).expect(200);
    return res.body as { status: string; required: string[]; evidence: { id: string; status: string; verifiedAt: string | null; criteria: Record<string, CriterionView> } | null; afterCare: Record<string, any> | null };
  };

  /** A template whose verification and after-care run in seconds. */
  const template = (key: string, evidence: Record<string, unknown>) => {
    const base = fastTemplate(key, { defaultDuration: '1h', reminders: [], acknowledgementReminder: null });
    return { ...base, evidence: { ...(base.evidence as object), ...evidence } };
  };

  const commune = (templateKey: string) => ({ templateKey, leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 3_600 });

  const mailAbout = (task: TaskRef, to: string, subject: string) => stack.mail.waitFor((m) => m.subject === `[dondoc] ${subject}: nhiệm vụ ${task.code}` && m.envelopeTo.includes(to));

  beforeAll(async () => {
    certificates = testCertificates();
    // The worker trusts the test CA, as a deployment would trust its own.
    const caPath = join(mkdtempSync(join(tmpdir(), 'dondoc-ca-')), 'ca.pem');
    writeFileSync(caPath, certificates.ca.cert);
    stack = await startTestStack({ env: { EVIDENCE_TLS_CA_PATH: caPath } });
    world = await startEvidenceWorld(certificates.valid);
    org = await buildOrganisation(stack);
    for (const body of [
      template('kiemchung', { probe: { probes: 5, window: '2s', maxLatencyMs: 2_000 }, afterCare: null }),
      template('theodoi', { probe: { probes: 3, window: '1s', maxLatencyMs: 2_000 }, afterCare: { every: '1s', duration: '15s', failuresToRegress: 2 } }),
      template('theodoidai', { probe: { probes: 1, window: '0', maxLatencyMs: 2_000 }, afterCare: { every: '1h', duration: '12h', failuresToRegress: 2 } }),
      template('khongtukhai', { allowAttestedUsers: false, afterCare: null }),
    ]) {
      await post(org.adminToken, '/api/templates', body).expect(201);
    }
  });

  afterAll(async () => {
    await stack.close();
    await world.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  it('full lifecycle: verification runs → approval only once every criterion is verified → after-care detects a regression and its recovery', async () => {
    const task = await assignTask(stack, org.adminToken, commune('theodoi'));
    await waitForEvent(stack, org.adminToken, task.id, 'ASSIGNED');
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, verifiableEvidence(world)).expect(200);

    // A reviewer's click alone cannot close the task while the checks run.
    const early = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true }).expect(409);
    expect(early.body.details.rule).toBe('verificationRunning');
    const during = await evidenceView(task);
    expect(['pending', 'verifying']).toContain(during.evidence!.criteria.OPERATING_PRODUCT.status);
    expect(during.evidence!.verifiedAt).toBeNull();

    await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFIED');
    const view = await evidenceView(task);
    expect(view.evidence!.verifiedAt).toEqual(expect.any(String));
    const { OPERATING_PRODUCT: product, VERIFIED_DATA: data, REAL_USERS: users, MEASURABLE_EFFECT: effect } = view.evidence!.criteria;
    // The product: three probes over the window, every one stored with its time, status, latency and certificate.
    expect(product).toMatchObject({ status: 'verified', attested: false, probes: { done: 3, healthy: 3, of: 3 }, reasons: [] });
    expect(product.checks.map((c) => [c.kind, c.index, c.ok, c.statusCode])).toEqual([
      ['PROBE', 0, true, 200],
      ['PROBE', 1, true, 200],
      ['PROBE', 2, true, 200],
    ]);
    for (const check of product.checks) {
      expect(check.latencyMs).toEqual(expect.any(Number));
      expect(check.details.tls).toMatchObject({ authorized: true });
      expect(check.details.tls.daysLeft).toBeGreaterThan(300);
    }
    const spread = Date.parse(product.checks[2].checkedAt) - Date.parse(product.checks[0].checkedAt);
    expect(spread).toBeGreaterThanOrEqual(900); // spread over the one-second window
    expect(data).toMatchObject({ status: 'verified', checks: [{ kind: 'DATASET', ok: true, details: { sha256: DATASET_SHA256, records: DATASET_RECORDS, format: 'csv' } }] });
    expect(users).toMatchObject({ status: 'verified', attested: false, value: 830, checks: [{ kind: 'METRIC', ok: true }] });
    expect(effect).toMatchObject({ status: 'verified', value: 64, checks: [{ kind: 'METRIC', ok: true }] });
    const timeline = await getTask(stack, org.adminToken, task.id);
    expect(types(timeline).filter((t) => t.startsWith('CRITERION_'))).toEqual(Array(4).fill('CRITERION_VERIFIED'));
    await mailAbout(task, ADMIN_MAIL, 'Minh chứng đã được kiểm chứng, chờ duyệt');

    const done = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true, comment: 'Đạt' }).expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', regressed: false, afterCareUntil: expect.any(String) });

    // The portal stops answering: two failed probes in a row flag the task.
    world.down = true;
    const regressed = await waitForEvent(stack, org.adminToken, task.id, 'REGRESSED', 1, 15_000);
    expect(regressed).toMatchObject({ status: 'DONE', regressed: true });
    const flagged = await stack.http().get('/api/tasks?regressed=true').set(auth(org.tokens.headCommune)).expect(200);
    expect((flagged.body.items as { id: string }[]).map((t) => t.id)).toEqual([task.id]);
    const [toHead] = await mailAbout(task, HEAD, 'Sản phẩm ngừng hoạt động sau hoàn thành');
    expect(toHead.text).toContain('mã phản hồi HTTP 503');
    await mailAbout(task, ADMIN_MAIL, 'Sản phẩm ngừng hoạt động sau hoàn thành'); // the reviewer who approved it

    // A 200 that is not the product (a maintenance page without the text the unit declared) is
    // no recovery: after-care probes check what verification checked.
    world.down = false;
    world.maintenance = true;
    const textMissing = await eventually(async () => {
      const found = ((await evidenceView(task)).afterCare!.checks as CheckView[]).find((c) => !c.ok && c.reasons[0]?.code === 'EXPECTED_TEXT');
      if (!found) throw new Error('no after-care probe has seen the maintenance page yet');
      return found;
    }, 15_000, 250);
    expect(textMissing.statusCode).toBe(200);
    expect(await getTask(stack, org.adminToken, task.id)).toMatchObject({ regressed: true });

    // It comes back: the flag clears, with a notification.
    world.maintenance = false;
    const recovered = await waitForEvent(stack, org.adminToken, task.id, 'RECOVERED', 1, 15_000);
    expect(recovered.regressed).toBe(false);
    await mailAbout(task, HEAD, 'Sản phẩm hoạt động trở lại');
    const unflagged = await stack.http().get('/api/tasks?regressed=true').set(auth(org.adminToken)).expect(200);
    expect((unflagged.body.items as { id: string }[]).map((t) => t.id)).not.toContain(task.id);

    // After-care ends on schedule; every probe is in the reviewer's view.
    const ended = await waitForEvent(stack, org.adminToken, task.id, 'AFTER_CARE_ENDED', 1, 20_000);
    expect(ended.afterCareUntil).toBeNull();
    const care = (await evidenceView(task)).afterCare!;
    expect(care).toMatchObject({ active: false, regressed: false, url: `${world.portal.url}/` });
    const checks = care.checks as CheckView[];
    expect(checks.length).toBe(care.probes);
    expect(checks.some((c) => !c.ok && c.reasons[0].code === 'HTTP_STATUS')).toBe(true);
    expect(checks[checks.length - 1].ok).toBe(true);
    const after = types(await getTask(stack, org.adminToken, task.id));
    expect(after.indexOf('REGRESSED')).toBeLessThan(after.indexOf('RECOVERED'));
    expect(after[after.length - 1]).toBe('AFTER_CARE_ENDED');
  });

  it('a product that fails one probe in five is not verified: the task goes back to the unit with the reason; a re-submission is checked afresh', async () => {
    const flaky = await serve((_req, res, hit) => {
      res.writeHead(hit % 5 === 3 ? 500 : 200, { 'content-type': 'text/html' }).end('<h1>Cổng dịch vụ công</h1>');
    });
    servers.push(flaky);
    const task = await assignTask(stack, org.adminToken, commune('kiemchung'));
    const evidence = verifiableEvidence(world);
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, { ...evidence, operatingProduct: { url: `${flaky.url}/` } }).expect(200);

    const failed = await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFICATION_FAILED');
    expect(failed).toMatchObject({ status: 'IN_PROGRESS', evidence: { status: 'FAILED_VERIFICATION' } });
    const entry = (failed.timeline as TimelineEntry[]).find((e) => e.type === 'CRITERION_FAILED')!;
    expect(entry.data).toMatchObject({ criterion: 'OPERATING_PRODUCT', reasons: [{ code: 'HTTP_STATUS', params: { status: 500 } }] });
    const view = await evidenceView(task);
    const product = view.evidence!.criteria.OPERATING_PRODUCT;
    // Probing stops at the first unhealthy answer.
    expect(product).toMatchObject({ status: 'failed', probes: { done: 3, healthy: 2, of: 5 }, reasons: [{ code: 'HTTP_STATUS', message: 'mã phản hồi HTTP 500' }] });
    expect(product.checks.map((c) => [c.ok, c.statusCode])).toEqual([
      [true, 200],
      [true, 200],
      [false, 500],
    ]);
    expect(product.checks[2].reasons).toEqual([{ code: 'HTTP_STATUS', message: 'mã phản hồi HTTP 500' }]);
    expect((await evidenceView(task, 'en')).evidence!.criteria.OPERATING_PRODUCT.reasons).toEqual([{ code: 'HTTP_STATUS', message: 'HTTP status 500' }]);
    expect(view.evidence!.criteria.VERIFIED_DATA.status).toBe('verified');

    const [mail] = await mailAbout(task, OFFICER, 'Minh chứng không đạt kiểm tra tự động');
    expect(mail.text).toContain('Sản phẩm vận hành: mã phản hồi HTTP 500.');
    await mailAbout(task, HEAD, 'Minh chứng không đạt kiểm tra tự động');
    const refused = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true }).expect(409);
    expect(refused.body.details.rule).toBe('nothingToReview');

    // Fixed and submitted again: the checks run again, and only the new submission's results are shown.
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, evidence).expect(200);
    await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFIED');
    const again = await evidenceView(task);
    expect(again.evidence!.id).not.toBe(view.evidence!.id);
    expect(again.evidence!.criteria.OPERATING_PRODUCT).toMatchObject({ status: 'verified', probes: { done: 5, healthy: 5, of: 5 } });
    expect(again.evidence!.criteria.OPERATING_PRODUCT.checks).toHaveLength(5);
    await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true }).expect(200);
  });

  it('a product behind an expired certificate fails, with the certificate shown', async () => {
    const expired = await serve((_req, res) => res.end('<h1>Cổng dịch vụ công</h1>'), certificates.expired);
    servers.push(expired);
    const task = await assignTask(stack, org.adminToken, commune('kiemchung'));
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, { ...verifiableEvidence(world), operatingProduct: { url: `${expired.url}/` } }).expect(200);
    await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFICATION_FAILED');
    const product = (await evidenceView(task)).evidence!.criteria.OPERATING_PRODUCT;
    expect(product).toMatchObject({ status: 'failed', probes: { done: 1, healthy: 0 } });
    expect(product.reasons[0]).toMatchObject({ code: 'TLS', message: expect.stringContaining('chứng chỉ TLS không hợp lệ') });
    expect(product.checks[0].details.tls).toMatchObject({ authorized: false });
    expect(product.checks[0].details.tls.daysLeft).toBeLessThan(0);
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('a wrong dataset, too few active users and a KPI short of its target each fail with their reason', async () => {
    const low = await serve((req, res) => {
      const body = req.url === '/kpi' ? { kpi: { onlineShare: 55 } } : { activeUsers: 50 };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    servers.push(low);
    const task = await assignTask(stack, org.adminToken, commune('kiemchung'));
    const evidence = verifiableEvidence(world) as Record<string, any>;
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, {
      ...evidence,
      verifiedData: { ...evidence.verifiedData, sha256: 'a'.repeat(64), recordCount: 1_000 },
      realUsers: { ...evidence.realUsers, metricsUrl: `${low.url}/users` },
      measurableEffect: { ...evidence.measurableEffect, sourceUrl: `${low.url}/kpi` },
    }).expect(200);
    await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFICATION_FAILED');
    const criteria = (await evidenceView(task)).evidence!.criteria;
    expect(criteria.OPERATING_PRODUCT.status).toBe('verified');
    expect(criteria.VERIFIED_DATA).toMatchObject({ status: 'failed', checks: [{ details: { sha256: DATASET_SHA256, records: DATASET_RECORDS } }] });
    expect(criteria.VERIFIED_DATA.reasons).toEqual([
      { code: 'CHECKSUM', message: `SHA-256 là ${DATASET_SHA256}, khác giá trị khai báo ${'a'.repeat(64)}` },
      { code: 'RECORD_COUNT', message: 'có 1.250 bản ghi, khác số khai báo 1.000' },
    ]);
    expect(criteria.REAL_USERS).toMatchObject({ status: 'failed', value: 50, reasons: [{ code: 'BELOW_MINIMUM', message: '50 người dùng hoạt động, dưới ngưỡng 100' }] });
    // The achieved value is read at its source (55), not taken from the form (64).
    expect(criteria.MEASURABLE_EFFECT).toMatchObject({ status: 'failed', value: 55, reasons: [{ code: 'TARGET_NOT_REACHED' }] });
    const [mail] = await mailAbout(task, OFFICER, 'Minh chứng không đạt kiểm tra tự động');
    expect(mail.text).toContain('Dữ liệu kiểm chứng:');
    expect(mail.text).toContain('Người dùng thực: 50 người dùng hoạt động, dưới ngưỡng 100.');
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('a figure of active users is accepted only when the head of the unit attests it, and is marked attested; after-care is closed by an administrator', async () => {
    const evidence = verifiableEvidence(world) as Record<string, any>;
    const attested = { ...evidence, realUsers: { attestedActiveUsers: 640, periodFrom: '2026-10-01T00:00:00+07:00', periodTo: '2026-10-31T23:59:59+07:00' } };

    const strict = await assignTask(stack, org.adminToken, commune('khongtukhai'));
    const notAllowed = await post(org.tokens.headCommune, `/api/tasks/${strict.id}/evidence`, attested).expect(400);
    expect(notAllowed.body.errors).toEqual([expect.objectContaining({ field: 'realUsers.attestedActiveUsers', rule: 'attestationNotAllowed' })]);
    await post(org.adminToken, `/api/tasks/${strict.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);

    const task = await assignTask(stack, org.adminToken, commune('theodoidai'));
    const byOfficer = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, attested).expect(400);
    expect(byOfficer.body.errors).toEqual([expect.objectContaining({ field: 'realUsers.attestedActiveUsers', rule: 'headOnly' })]);
    expect(types(await waitForEvent(stack, org.adminToken, task.id, 'ASSIGNED'))).toEqual(['ASSIGNED']); // refused changes nothing
    await post(org.tokens.headCommune, `/api/tasks/${task.id}/evidence`, attested).expect(200);
    const verified = await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFIED');
    expect((verified.timeline as TimelineEntry[]).find((e) => e.type === 'EVIDENCE_VERIFIED')!.data.criteria).toMatchObject({ REAL_USERS: 'attested', OPERATING_PRODUCT: 'verified' });
    expect(verified.evidence.criteria.REAL_USERS).toMatchObject({ status: 'attested', value: 640 });
    expect((await evidenceView(task)).evidence!.criteria.REAL_USERS).toMatchObject({ status: 'attested', attested: true, value: 640, checks: [] });
    const ids = async (query: string) => ((await stack.http().get(`/api/tasks?${query}&pageSize=100`).set(auth(org.adminToken)).expect(200)).body.items as { id: string }[]).map((t) => t.id);
    expect(await ids('attested=true')).toEqual([task.id]); // counted apart from measured figures
    expect(await ids('attested=false')).not.toContain(task.id);
    const bad = await stack.http().get('/api/tasks?attested=maybe&lang=en').set(auth(org.adminToken)).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'attested', rule: 'isBoolean', message: 'attested must be true or false' })]);
    expect(await ids('attested=true&lang=en')).toEqual([task.id]); // any query may say its language
    await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true }).expect(200);

    // After-care runs for twelve hours; an administrator ends it early, with a reason.
    const close = (token: string, body: object) => post(token, `/api/tasks/${task.id}/after-care/close`, body);
    await close(org.tokens.leaderHanoi, { reason: 'x' }).expect(403);
    await close(org.tokens.headCommune, { reason: 'x' }).expect(403);
    const noReason = await close(org.adminToken, { reason: ' ' }).expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const closed = await close(org.adminToken, { reason: 'Sản phẩm đã bàn giao cho Sở vận hành' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'DONE', afterCareUntil: null, regressed: false });
    const again = await close(org.adminToken, { reason: 'lần nữa' }).expect(409);
    expect(again.body.details.rule).toBe('noAfterCare');
    const care = (await evidenceView(task)).afterCare!;
    expect(care).toMatchObject({ active: false, closeReason: 'Sản phẩm đã bàn giao cho Sở vận hành', probes: 0 });
    const [mail] = await mailAbout(task, HEAD, 'Kết thúc theo dõi sau hoàn thành');
    expect(mail.text).toContain('Sản phẩm đã bàn giao cho Sở vận hành');
    expect(types(await getTask(stack, org.adminToken, task.id)).slice(-2)).toEqual(['EVIDENCE_ACCEPTED', 'AFTER_CARE_CLOSED']);
  });
});
