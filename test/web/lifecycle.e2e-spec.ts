import type { Browser, Locator, Page } from 'playwright-core';
import { buildOrganisation, PASSWORD, type Organisation } from '../factories/organisation.factory';
import { assignTask, fastTemplate, type TaskRef } from '../factories/task.factory';
import {
  axeViolations,
  horizontalOverflow,
  launchBrowser,
  openPage,
  readmeScreenshot,
  screenshot,
  seesText,
  signInThroughUi,
  visible,
  webAppSnapshot,
  untranslatedKeys,
  type PersonPage,
  type ViewportName,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { startEvidenceWorld, DATASET_RECORDS, DATASET_SHA256, type EvidenceWorld } from '../helpers/evidence-world';
import { acknowledgeTokenIn } from '../helpers/mail-links';
import { getTask, waitForEvent } from '../helpers/task-timeline';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * The web app in Chromium against the real stack (PostgreSQL, Temporal, SMTP, the API serving the
 * built pages, the worker): a task's whole life as its people live it in the browser, in
 * Vietnamese, at desktop width; then every page at desktop and phone width, with axe and
 * screenshots (test/artifacts/screenshots).
 */
describe('Web app: a task from invitation to DONE, in the browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let world: EvidenceWorld;
  let org: Organisation;
  const opened: PersonPage[] = [];
  /** Serious or critical axe violations of every page and dialog looked at, asserted in the last test. */
  const accessibility: string[] = [];
  /** The main flow's task and officer, for the later tests. */
  let mainTask: TaskRef | undefined;
  const newOfficer = { email: 'can.bo.moi@minhchau.hanoi.gov.vn', name: 'Nguyễn Thị Mới', password: 'Mat-khau-moi-2026' };

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);

  beforeAll(async () => {
    [stack, browser, world] = await Promise.all([webAppSnapshot().then((web) => startTestStack({ env: { WEB_DIST_DIR: web } })), launchBrowser(), startEvidenceWorld()]);
    org = await buildOrganisation(stack);
    // Durations are data: a task due in days never fires a timer during the flow; the escalation template runs in seconds.
    const calm = { levels: [{ level: 2, after: '1d', decider: { type: 'PARENT_HEAD' }, openExplanation: true }], decisionReminderEvery: '1d', explanationDeadline: '2d' };
    await post(org.adminToken, '/api/templates', fastTemplate('web', { defaultDuration: '3d', reminders: [], acknowledgementReminder: null, escalation: calm })).expect(201);
    await post(
      org.adminToken,
      '/api/templates',
      fastTemplate('web-escalation', {
        reminders: [],
        acknowledgementReminder: null,
        escalation: { levels: [{ level: 2, after: '1s', decider: { type: 'STEERING_COMMITTEE' }, openExplanation: false }], decisionReminderEvery: '1h', explanationDeadline: '1d' },
      }),
    ).expect(201);
  });

  afterAll(async () => {
    await Promise.allSettled(opened.map((person) => person.close()));
    await browser?.close();
    await world?.close();
    await stack?.close();
  });

  /** A person's own browser (context) at a size; closed after the suite. Uncaught page errors fail the test that made them. */
  async function person(size: ViewportName = 'desktop'): Promise<PersonPage> {
    const opening = await openPage(browser, stack.baseUrl, size);
    opened.push(opening);
    return opening;
  }

  async function signedIn(email: string, password = PASSWORD, size: ViewportName = 'desktop'): Promise<PersonPage> {
    const someone = await person(size);
    await signInThroughUi(someone.page, email, password);
    return someone;
  }

  /** Records the page's (or open dialog's) serious and critical axe violations under a name. */
  async function checkAccessibility(page: Page, what: string): Promise<void> {
    accessibility.push(...(await axeViolations(page, what)));
  }

  const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });
  const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
  const timelineEntry = (page: Page, event: string) => page.getByRole('article', { name: event, exact: true });

  /** Opens a task's page and waits for its title. */
  async function openTask(page: Page, task: TaskRef, tab?: 'timeline' | 'evidence'): Promise<void> {
    await page.goto(`/tasks/${task.id}${tab ? `?tab=${tab}` : ''}`);
    await visible(page.getByText(task.code).first());
  }

  /** Clicks an action of the task's page and returns its dialog. */
  async function action(page: Page, name: string): Promise<Locator> {
    await page.getByRole('group', { name: 'Việc bạn có thể làm với nhiệm vụ này' }).getByRole('button', { name, exact: true }).click();
    return visible(page.getByRole('dialog'));
  }

  /** Types a date (DD/MM/YYYY) into an antd DatePicker found by its label and leaves the field. */
  async function pickDate(scope: Page | Locator, label: string, date: string): Promise<void> {
    const input = scope.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(date);
    await input.press('Tab'); // not Enter: that would submit the form around the picker
    expect(await input.inputValue()).toBe(date);
  }

  it('an invited officer sets a password, acknowledges, reports, gets an extension, explains, submits evidence that is verified, and the reviewer closes the task', async () => {
    // The administrator invites the officer (API); the invitation arrives by email.
    const before = stack.mail.to(newOfficer.email).length;
    const created = await post(org.adminToken, '/api/users', { email: newOfficer.email, name: newOfficer.name, roles: ['OFFICER'], unitId: org.unitIds['HN-X001'] }).expect(201);
    const officerId = created.body.id as string;
    const invitations = await stack.mail.waitFor((m) => m.envelopeTo.includes(newOfficer.email) && /\/set-password#token=/.test(m.text), before + 1);
    const link = /https?:\/\/\S+\/set-password#token=[^\s"<]+/.exec(invitations[invitations.length - 1].text)?.[0];
    expect(link).toBeDefined();
    // The email points at PUBLIC_URL (http://dondoc.test); the same path and fragment on the test's own address.
    const invitation = new URL(link!);
    expect(invitation.origin).toBe('http://dondoc.test');

    // A leader of Hà Nội assigns the commune a task with the new officer as focal officer (so the leader reviews it).
    mainTask = await assignTask(stack, org.tokens.leaderHanoi, {
      templateKey: 'web',
      title: 'Đưa cổng dịch vụ công xã vào vận hành',
      leadUnitId: org.unitIds['HN-X001'],
      focalOfficerId: officerId,
      dueInSeconds: 3 * 86_400,
    });
    const task = mainTask;
    await waitForEvent(stack, org.adminToken, task.id, 'ASSIGNED');

    // The officer opens the link and chooses a password.
    const officer = await person();
    const page = officer.page;
    await page.goto(`${invitation.pathname}${invitation.search}${invitation.hash}`);
    await visible(heading(page, 'Đặt mật khẩu'));
    expect(new URL(page.url()).hash).toBe(''); // the token leaves the address bar at once
    await checkAccessibility(page, 'set-password');
    await screenshot(page, 'set-password');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await seesText(page, 'Mật khẩu cần ít nhất 12 ký tự, có chữ thường, chữ hoa và chữ số');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newOfficer.password);
    await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(newOfficer.password);
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    // Setting a password ends every session: the page says so and asks for the new password once.
    await page.waitForURL('**/sign-in');
    await seesText(page, 'Đã đặt mật khẩu. Hãy đăng nhập bằng mật khẩu mới.');
    await page.getByLabel('Email').fill(newOfficer.email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(newOfficer.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/tasks');
    await visible(heading(page, 'Nhiệm vụ của tôi'));
    // The session survives a reload (the refresh cookie), and the list shows the task.
    await page.reload();
    await visible(page.getByRole('link', { name: 'Đưa cổng dịch vụ công xã vào vận hành' }));
    await checkAccessibility(page, 'my-tasks (officer)');
    await page.getByRole('link', { name: 'Đưa cổng dịch vụ công xã vào vận hành' }).click();
    await page.waitForURL(`**/tasks/${task.id}`);
    await visible(heading(page, 'Đưa cổng dịch vụ công xã vào vận hành'));
    await seesText(page, 'Chờ tiếp nhận');
    await screenshot(page, 'task-assigned');

    // Acknowledge from the task's page.
    let box = await action(page, 'Xác nhận tiếp nhận');
    await checkAccessibility(page, 'dialog: acknowledge');
    await box.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    await seesText(page, 'Đã xác nhận tiếp nhận nhiệm vụ.');
    await visible(page.getByText('Đang thực hiện').first());
    expect(await page.getByRole('group', { name: 'Việc bạn có thể làm với nhiệm vụ này' }).getByRole('button', { name: 'Xác nhận tiếp nhận' }).count()).toBe(0);

    // Report progress; a missing note is named next to its field.
    box = await action(page, 'Báo cáo tiến độ');
    await box.getByLabel('Tỷ lệ hoàn thành').fill('40');
    await box.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await seesText(box, 'Vui lòng nhập Nội dung báo cáo');
    await box.getByLabel('Nội dung báo cáo').fill('Đã chạy thử cổng dịch vụ công với 3 thủ tục.');
    await checkAccessibility(page, 'dialog: progress');
    await screenshot(page, 'task-progress-dialog');
    await box.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await seesText(page, 'Đã ghi nhận báo cáo tiến độ.');
    await visible(page.getByText('Đã chạy thử cổng dịch vụ công với 3 thủ tục.'));

    // Ask for an extension (the proposed due time defaults to a week later).
    box = await action(page, 'Xin gia hạn');
    await box.getByLabel('Lý do xin gia hạn').fill('Chờ nhà cung cấp bàn giao phân hệ thanh toán.');
    await box.getByRole('button', { name: 'Gửi đề nghị gia hạn' }).click();
    await seesText(page, 'Đã gửi đề nghị gia hạn.');
    await visible(page.getByText('Chờ nhà cung cấp bàn giao phân hệ thanh toán.'));
    await seesText(page, 'Đang chờ xử lý (1)');
    const requested = await getTask(stack, org.adminToken, task.id);
    const extension = requested.pending.extensions[0] as { newDueAt: string };

    // The leader (another browser) approves it in Decisions.
    const leader = await signedIn('pho.chu.tich@hanoi.gov.vn');
    const lp = leader.page;
    await lp.goto('/decisions?kind=extension');
    await visible(heading(lp, 'Chờ quyết định'));
    await lp.getByRole('button', { name: `Quyết định: ${task.code}` }).click();
    box = await visible(dialog(lp, `Đề nghị gia hạn · ${task.code}`));
    await seesText(box, 'Chờ nhà cung cấp bàn giao phân hệ thanh toán.');
    await checkAccessibility(lp, 'dialog: decide extension');
    await screenshot(lp, 'decisions-extension-dialog');
    await box.getByLabel('Ý kiến').fill('Đồng ý, hoàn thành trước hạn mới.');
    await box.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
    await seesText(lp, 'Đã đồng ý gia hạn.');
    await visible(lp.getByText('Không có việc nào thuộc loại này.'));
    expect((await getTask(stack, org.adminToken, task.id)).dueAt).toBe(extension.newDueAt);

    // The leader asks for an explanation from the task's page.
    await openTask(lp, task);
    box = await action(lp, 'Yêu cầu giải trình');
    await box.getByLabel('Nội dung yêu cầu giải trình').fill('Vì sao phân hệ thanh toán chậm bàn giao?');
    await checkAccessibility(lp, 'dialog: request explanation');
    await box.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await seesText(lp, 'Đã gửi yêu cầu giải trình.');

    // The officer sees the extension and the question on their page, and answers.
    await page.reload();
    await visible(page.getByText('Vì sao phân hệ thanh toán chậm bàn giao?'));
    await page.getByRole('tab', { name: /Diễn biến/ }).click();
    await visible(timelineEntry(page, 'Đồng ý gia hạn'));
    await page.getByRole('tab', { name: 'Thông tin' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Vì sao phân hệ thanh toán chậm bàn giao?' }).getByRole('button', { name: 'Giải trình' }).click();
    box = await visible(dialog(page, 'Giải trình'));
    await box.getByLabel('Nội dung giải trình').fill('Nhà cung cấp đổi nhân sự; đã có lịch bàn giao mới.');
    await checkAccessibility(page, 'dialog: answer explanation');
    await box.getByRole('button', { name: 'Gửi giải trình' }).click();
    await seesText(page, 'Đã gửi giải trình.');
    // The question no longer waits on the page (it stays in the timeline).
    await page.getByRole('listitem').filter({ hasText: 'Vì sao phân hệ thanh toán chậm bàn giao?' }).waitFor({ state: 'detached' });

    // Evidence pointing at the commune's real portal, dataset and metrics (served on loopback).
    await page.getByRole('group', { name: 'Việc bạn có thể làm với nhiệm vụ này' }).getByRole('button', { name: 'Nộp minh chứng' }).click();
    await page.waitForURL('**?tab=evidence');
    const form = page.getByRole('form', { name: 'Minh chứng kết quả' });
    await visible(form);
    await checkAccessibility(page, 'evidence form');
    await form.getByLabel('Địa chỉ sản phẩm (URL)').fill(`${world.portal.url}/`);
    await form.getByLabel('Nội dung phải có trên trang').fill('Cổng dịch vụ công');
    await form.getByLabel('Địa chỉ dữ liệu (URL)').fill(`${world.data.url}/ho-so.csv`);
    await form.getByLabel('Mã SHA-256 của tệp').fill(DATASET_SHA256);
    await form.getByLabel('Số bản ghi').fill(String(DATASET_RECORDS));
    await form.getByLabel('Địa chỉ số liệu (URL)').fill(`${world.metrics.url}/users`);
    await form.getByLabel('Vị trí con số trong JSON (JSON pointer)').fill('/activeUsers');
    await pickDate(form, 'Từ ngày', '01/10/2026');
    await pickDate(form, 'Đến ngày', '31/10/2026');
    await form.getByLabel('Chỉ số (KPI)').fill('Tỷ lệ hồ sơ trực tuyến');
    await form.getByLabel('Đơn vị tính').fill('%');
    await form.getByLabel('Mức cơ sở').fill('20');
    await form.getByLabel('Mục tiêu').fill('60');
    await form.getByLabel('Kết quả đạt được').fill('64');
    await form.getByRole('radio', { name: 'Tăng' }).check();
    await form.getByLabel('Phương pháp đo').fill('Hồ sơ trực tuyến / tổng hồ sơ theo tháng');
    await screenshot(page, 'evidence-form');
    await form.getByRole('button', { name: 'Nộp minh chứng' }).click();
    await seesText(page, 'Đã nộp minh chứng; dondoc đang kiểm tra.');
    // The page follows the checks live, then says the evidence waits for the reviewer.
    await visible(page.getByText('Chờ người duyệt xem xét').first(), 60_000);
    await visible(page.getByText('Đạt').first());
    await checkAccessibility(page, 'evidence verified');
    await screenshot(page, 'evidence-verified');

    // The reviewer (the assigning leader) approves it in Decisions.
    await lp.goto('/decisions?kind=evidenceReview');
    await lp.getByRole('button', { name: `Duyệt minh chứng: ${task.code}` }).click();
    box = await visible(dialog(lp, `Duyệt minh chứng · ${task.code}`));
    await visible(box.getByText(`${world.portal.url}/`).first());
    await checkAccessibility(lp, 'dialog: evidence review');
    await screenshot(lp, 'decisions-evidence-review');
    await box.getByRole('button', { name: 'Chấp nhận — hoàn thành' }).click();
    await seesText(lp, 'Đã chấp nhận minh chứng: nhiệm vụ hoàn thành.');

    // The officer's page shows the task DONE.
    await page.reload();
    await visible(heading(page, 'Đưa cổng dịch vụ công xã vào vận hành'));
    await visible(page.getByText('Hoàn thành').first());
    await page.getByRole('tab', { name: 'Thông tin' }).click();
    await visible(page.getByText('Đúng hạn ban đầu'));
    expect((await getTask(stack, org.adminToken, task.id)).status).toBe('DONE');
    await screenshot(page, 'task-done');
    expect(officer.pageErrors).toEqual([]);
    expect(leader.pageErrors).toEqual([]);
  }, 480_000);

  it('a leader rejects an escalation with a comment in Decisions; the task records the refusal', async () => {
    const task = await assignTask(stack, org.adminToken, { templateKey: 'web-escalation', title: 'Số hóa hồ sơ hộ tịch', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 2 });
    await waitForEvent(stack, org.adminToken, task.id, 'ESCALATION_PROPOSED', 1, 30_000);
    const leader = await signedIn('lanh.dao@bcd.gov.vn');
    const page = leader.page;
    await page.goto('/decisions');
    await page.getByRole('button', { name: `Quyết định: ${task.code}` }).click();
    const box = await visible(dialog(page, `Đề xuất báo cáo cấp trên mức 2 · ${task.code}`));
    await checkAccessibility(page, 'dialog: decide escalation');
    // Refusing needs a reason, said next to the comment.
    await box.getByRole('button', { name: 'Từ chối' }).click();
    await seesText(box, 'Nêu lý do khi từ chối.');
    await box.getByLabel('Ý kiến').fill('Xã đã có kế hoạch khắc phục trong tuần.');
    await box.getByRole('button', { name: 'Từ chối' }).click();
    await seesText(page, 'Đã từ chối đề xuất báo cáo cấp trên.');
    await box.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: `Quyết định: ${task.code}` }).count()).toBe(0);

    await openTask(page, task, 'timeline');
    const entry = await visible(timelineEntry(page, 'Không đồng ý đôn đốc cấp trên'));
    await seesText(entry, 'Xã đã có kế hoạch khắc phục trong tuần.');
    expect((await getTask(stack, org.adminToken, task.id)).escalationLevel).toBe(1);
    await screenshot(page, 'task-escalation-rejected');
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
    expect(leader.pageErrors).toEqual([]);
  }, 120_000);

  it('deciding on a stale page after someone else decided shows the API’s 409 message in the dialog', async () => {
    const task = await assignTask(stack, org.adminToken, { templateKey: 'web', title: 'Kết nối dữ liệu dân cư', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 86_400 });
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(200);
    const asked = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, { newDueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), reason: 'Chờ kết nối cơ sở dữ liệu quốc gia' }).expect(200);
    const requestId = asked.body.pending.extensions[0].id as string;

    // The leader has the queue open…
    const leader = await signedIn('pho.chu.tich@hanoi.gov.vn');
    const page = leader.page;
    await page.goto('/decisions?kind=extension');
    await visible(page.getByRole('button', { name: `Quyết định: ${task.code}` }));
    // …while the administrator decides the same request elsewhere.
    await post(org.adminToken, `/api/tasks/${task.id}/extension-requests/${requestId}/decision`, { approve: false, comment: 'Không đủ căn cứ' }).expect(200);

    await page.getByRole('button', { name: `Quyết định: ${task.code}` }).click();
    const box = await visible(dialog(page, `Đề nghị gia hạn · ${task.code}`));
    await box.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
    const alert = await visible(box.getByRole('alert'));
    // The very message the API gives the leader for this conflict, in Vietnamese.
    const conflict = await post(org.tokens.leaderHanoi, `/api/tasks/${task.id}/extension-requests/${requestId}/decision`, { approve: true }).expect(409);
    expect(await alert.innerText()).toContain(conflict.body.message as string);
    await checkAccessibility(page, 'dialog: 409');
    await screenshot(page, 'decisions-conflict');
    // Nothing changed: the administrator's refusal stands.
    expect((await getTask(stack, org.adminToken, task.id)).dueAt).not.toBe(asked.body.pending.extensions[0].newDueAt);
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
    expect(leader.pageErrors).toEqual([]);
  }, 120_000);

  it('the lead unit declares a blocker on a coordinating unit and resolves it in the browser; a leader confirms it; the risk and the working days show', async () => {
    const science = 'Sở Khoa học và Công nghệ Hà Nội';
    const task = await assignTask(stack, org.tokens.leaderHanoi, {
      templateKey: 'web',
      title: 'Kết nối dữ liệu đất đai cấp xã',
      leadUnitId: org.unitIds['HN-X001'],
      focalOfficerId: org.userIds.officerCommune,
      coordinatingUnitIds: [org.unitIds['HN-SKHCN']],
      key: true,
      dueInSeconds: 20 * 86_400,
    });
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(200);
    const officer = await signedIn('can.bo@minhchau.hanoi.gov.vn');
    const page = officer.page;
    await openTask(page, task);
    // The risk in words, the key-task mark and the time left in working days.
    await visible(page.getByText('Đang thực hiện trong hạn').first());
    await visible(page.getByText('Trọng tâm').first());
    await visible(page.getByText(/^còn \d+ ngày làm việc$/).first());

    // An extension in working days previews the due time the calendar gives.
    let box = await action(page, 'Xin gia hạn');
    await visible(box.getByText(/^Hạn mới: (thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật) \d{2}\/\d{2}\/\d{4} 17:00$/));
    await checkAccessibility(page, 'dialog: extension in working days');
    await screenshot(page, 'task-extension-working-days');
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });

    // Declare: the only coordinating unit is chosen; what is awaited; since today.
    box = await action(page, 'Báo vướng mắc do đơn vị khác');
    await box.getByRole('button', { name: 'Báo vướng mắc' }).click();
    await seesText(box, 'Vui lòng nhập Đang chờ gì');
    await box.getByLabel('Đang chờ gì').fill('Số liệu bản đồ địa chính đã số hóa của 12 thôn');
    await checkAccessibility(page, 'dialog: declare blocker');
    await box.getByRole('button', { name: 'Báo vướng mắc' }).click();
    await seesText(page, 'Đã báo vướng mắc; đơn vị được nêu sẽ nhận thông báo.');
    const section = await visible(page.locator('.ant-card').filter({ hasText: 'Vướng mắc do đơn vị khác (1)' }));
    await seesText(section, 'Đang vướng');
    await seesText(section, 'Số liệu bản đồ địa chính đã số hóa của 12 thôn');
    const declared = await getTask(stack, org.adminToken, task.id);
    expect(declared.blockers).toMatchObject([{ status: 'OPEN', blockingUnit: { id: org.unitIds['HN-SKHCN'] }, coordinating: true }]);
    await checkAccessibility(page, 'task with a blocker');
    await screenshot(page, 'task-blocker');
    expect(await untranslatedKeys(page)).toEqual([]);

    // The same page on a phone.
    const phone = await signedIn('can.bo@minhchau.hanoi.gov.vn', PASSWORD, 'phone');
    await openTask(phone.page, task);
    await visible(phone.page.getByText('Vướng mắc do đơn vị khác (1)'));
    await checkAccessibility(phone.page, 'task with a blocker');
    expect(await horizontalOverflow(phone.page)).toBe(0);
    await screenshot(phone.page, 'task-blocker');
    expect(await untranslatedKeys(phone.page)).toEqual([]);

    // Resolve it from its row.
    await section.getByRole('button', { name: `Báo đã tháo gỡ: ${science}` }).click();
    box = await visible(dialog(page, 'Xác nhận đã tháo gỡ vướng mắc'));
    await box.getByLabel('Đã tháo gỡ thế nào').fill('Sở đã bàn giao số liệu ngày hôm nay.');
    await checkAccessibility(page, 'dialog: resolve blocker');
    await box.getByRole('button', { name: 'Xác nhận đã tháo gỡ' }).click();
    await seesText(page, 'Đã ghi nhận vướng mắc được tháo gỡ.');
    await seesText(section, 'Sở đã bàn giao số liệu ngày hôm nay.');
    expect(await section.getByText('Đang vướng').count()).toBe(0);
    expect((await getTask(stack, org.adminToken, task.id)).blockers).toMatchObject([{ status: 'RESOLVED', resolution: 'Sở đã bàn giao số liệu ngày hôm nay.' }]);

    // The leader over both units finds it in the decisions queue (desktop and phone), then confirms it as an objective cause.
    const leader = await signedIn('pho.chu.tich@hanoi.gov.vn');
    const leaderPhone = await signedIn('pho.chu.tich@hanoi.gov.vn', PASSWORD, 'phone');
    for (const someone of [leader, leaderPhone]) {
      await someone.page.goto('/decisions?kind=blocker');
      await seesText(someone.page, task.code);
      await seesText(someone.page, science);
      expect(await horizontalOverflow(someone.page)).toBe(0);
      await screenshot(someone.page, 'decisions-blocker');
    }
    await openTask(leader.page, task);
    await leader.page.getByRole('button', { name: `Quyết định về vướng mắc: ${science}` }).click();
    box = await visible(dialog(leader.page, 'Quyết định về vướng mắc'));
    await box.getByRole('radio', { name: 'Có — xác nhận là nguyên nhân khách quan' }).check();
    await box.getByLabel('Ý kiến').fill('Khách quan: chờ số hóa bản đồ của Sở.');
    await checkAccessibility(leader.page, 'dialog: decide blocker');
    await box.getByRole('button', { name: 'Ghi quyết định' }).click();
    await seesText(leader.page, 'Đã ghi quyết định về vướng mắc.');
    await seesText(leader.page, 'Nguyên nhân khách quan');

    // The timeline tells each step.
    await openTask(page, task, 'timeline');
    for (const event of ['Báo vướng mắc do đơn vị khác', 'Vướng mắc đã được tháo gỡ', 'Quyết định về vướng mắc']) await visible(timelineEntry(page, event));
    await seesText(timelineEntry(page, 'Báo vướng mắc do đơn vị khác'), `Đơn vị: ${science}`);
    await screenshot(page, 'task-blocker-timeline');
    expect([...officer.pageErrors, ...phone.pageErrors, ...leader.pageErrors, ...leaderPhone.pageErrors]).toEqual([]);
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  }, 240_000);

  it('a user outside the task’s scope opening its address gets the “not found” page', async () => {
    expect(mainTask).toBeDefined();
    const outsider = await signedIn('can.bo@cathai.haiphong.gov.vn');
    await outsider.page.goto(`/tasks/${mainTask!.id}`);
    await visible(outsider.page.getByText('Không tìm thấy', { exact: true }));
    await seesText(outsider.page, 'Trang hoặc nhiệm vụ này không tồn tại, hoặc nằm ngoài phạm vi của bạn.');
    expect(await outsider.page.getByText('Đưa cổng dịch vụ công xã vào vận hành').count()).toBe(0);
    await checkAccessibility(outsider.page, 'not found');
    await screenshot(outsider.page, 'not-found');
  });

  it('every page at desktop and phone width: screenshots, no untranslated key, no uncaught error', async () => {
    expect(mainTask).toBeDefined();
    const task = mainTask!;
    // Something waiting in the leader's queue, and an acknowledgement link to preview.
    const pending = await assignTask(stack, org.tokens.leaderHanoi, { templateKey: 'web', title: 'Triển khai chữ ký số cho cán bộ xã', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 2 * 86_400 });
    const [assignedMail] = await stack.mail.waitFor((m) => m.subject.includes(pending.code) && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));
    const ackToken = acknowledgeTokenIn(assignedMail);
    expect(ackToken).toBeDefined();
    await post(org.tokens.headCommune, `/api/tasks/${pending.id}/acknowledge`).expect(200);
    await post(org.tokens.officerCommune, `/api/tasks/${pending.id}/extension-requests`, { newDueAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), reason: 'Chờ cấp chứng thư số' }).expect(200);
    await eventually(async () => {
      const count = await stack.http().get('/api/decisions/count').set(auth(org.tokens.leaderHanoi)).expect(200);
      expect(count.body.total).toBeGreaterThan(0);
    });

    const officerLogin = { email: newOfficer.email, password: newOfficer.password };
    const leaderLogin = { email: 'pho.chu.tich@hanoi.gov.vn' };
    interface Shot {
      name: string;
      path: string;
      who?: { email: string; password?: string };
      ready: (page: Page) => Locator;
      /** Opens what is photographed (a dialog) once the page is ready; Escape closes it after. */
      open?: (page: Page) => Promise<Locator>;
      /** One of the README's pictures. */
      readme?: boolean;
    }
    const pages: Shot[] = [
      { name: 'sign-in', readme: true, path: '/sign-in', ready: (p) => heading(p, 'Đăng nhập') },
      { name: 'set-password', path: '/set-password#token=lien-ket-mau', ready: (p) => heading(p, 'Đặt mật khẩu') },
      { name: 'forgot-password', path: '/forgot-password', ready: (p) => heading(p, 'Quên mật khẩu') },
      { name: 'ack-link', path: `/ack#token=${encodeURIComponent(ackToken!)}`, ready: (p) => p.getByText(pending.code).first() },
      { name: 'my-tasks', readme: true, path: '/tasks', who: officerLogin, ready: (p) => p.getByText(task.code).first() },
      { name: 'task', readme: true, path: `/tasks/${task.id}`, who: officerLogin, ready: (p) => heading(p, 'Đưa cổng dịch vụ công xã vào vận hành') },
      { name: 'task-timeline', path: `/tasks/${task.id}?tab=timeline`, who: officerLogin, ready: (p) => timelineEntry(p, 'Chấp nhận minh chứng — hoàn thành') },
      { name: 'evidence', readme: true, path: `/tasks/${task.id}?tab=evidence`, who: officerLogin, ready: (p) => p.getByText('Đã duyệt — nhiệm vụ hoàn thành').first() },
      {
        name: 'task-progress-dialog',
        path: `/tasks/${pending.id}`,
        who: officerLogin,
        ready: (p) => heading(p, 'Triển khai chữ ký số cho cán bộ xã'),
        open: (p) => action(p, 'Báo cáo tiến độ'),
      },
      { name: 'decisions', readme: true, path: '/decisions', who: leaderLogin, ready: (p) => p.getByText(pending.code).first() },
      {
        name: 'decisions-dialog',
        path: '/decisions?kind=extension',
        who: leaderLogin,
        ready: (p) => p.getByRole('button', { name: `Quyết định: ${pending.code}` }),
        open: async (p) => {
          await p.getByRole('button', { name: `Quyết định: ${pending.code}` }).click();
          return visible(dialog(p, `Đề nghị gia hạn · ${pending.code}`));
        },
      },
      { name: 'inbox', readme: true, path: '/inbox', who: officerLogin, ready: (p) => heading(p, 'Thông báo') },
      { name: 'account', path: '/account', who: officerLogin, ready: (p) => heading(p, 'Tài khoản') },
      { name: 'not-found', path: `/tasks/${task.id}`, who: { email: 'can.bo@cathai.haiphong.gov.vn' }, ready: (p) => p.getByText('Không tìm thấy', { exact: true }) },
    ];
    const problems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) {
      const sessions = new Map<string, PersonPage>();
      for (const entry of pages) {
        let someone: PersonPage;
        if (!entry.who) someone = await person(size);
        else {
          const known = sessions.get(entry.who.email);
          someone = known ?? (await signedIn(entry.who.email, entry.who.password, size));
          sessions.set(entry.who.email, someone);
        }
        const page = someone.page;
        await page.goto(entry.path);
        await visible(entry.ready(page));
        if (entry.open) await entry.open(page);
        await checkAccessibility(page, entry.name);
        await screenshot(page, entry.name);
        if (entry.readme) await readmeScreenshot(page, entry.name);
        // An i18next key shown as text (e.g. tasks.fields.foo) is a missing translation.
        problems.push(...(await untranslatedKeys(page)).map((key) => `${entry.name} (${size}): untranslated key “${key}”`));
        // Nothing wider than the screen at phone width (the page itself must not scroll sideways).
        const overflow = size === 'phone' ? await horizontalOverflow(page) : 0;
        if (overflow > 0) problems.push(`${entry.name} (${size}): ${overflow} px wider than the screen`);
        problems.push(...someone.pageErrors.splice(0).map((error) => `${entry.name} (${size}): uncaught ${error}`));
        if (entry.open) await page.keyboard.press('Escape');
      }
    }
    expect(problems).toEqual([]);
    await post(org.adminToken, `/api/tasks/${pending.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  }, 480_000);

  it('every page and dialog looked at passes axe (no serious or critical violation)', () => {
    expect(accessibility.join('\n')).toBe('');
  });
});
