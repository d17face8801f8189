import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildOrganisation, PASSWORD, type Organisation } from '../factories/organisation.factory';
import { assignTask, fastTemplate } from '../factories/task.factory';
import {
  axeViolations,
  horizontalOverflow,
  launchBrowser,
  openPage,
  readmeScreenshot,
  screenshot,
  seesText,
  signInThroughUi,
  untranslatedKeys,
  visible,
  webAppSnapshot,
  type PersonPage,
  type ViewportName,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * The quarterly scorecards in Chromium against the real stack: the README's worked example
 * (commune HN-X001, 2026-Q3, four hand-made tasks and their timeline entries, published by the
 * route) read as a leader reads it — the list, the commune's scorecard with its arithmetic, a
 * timeline entry behind a line opened on the task's page — then the leader enters the general
 * points and sees the band; an officer has no scorecards. Every page at 1366 and 360 px with axe.
 */
describe('Web app: quarterly scorecards in the browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let org: Organisation;
  const opened: PersonPage[] = [];
  const accessibility: string[] = [];
  const ids: Record<string, string> = {};
  let unitCardId = '';
  let leaderCardId = '';

  const vn = (local: string) => new Date(`${local}+07:00`);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  interface Row {
    code: string;
    due: string;
    currentDue?: string;
    delivered?: string;
    completed?: string;
    realUsers?: string;
    events?: [number, string, Record<string, unknown>?, string?][];
  }

  /**
   * A task row of the commune and its timeline entries, as the recording leaves them (as
   * test/scorecards.e2e-spec.ts does), with the definition and state of a real task (`model`) so
   * that its page opens too.
   */
  async function insert(row: Row, model: { definition: Record<string, unknown>; state: unknown }): Promise<string> {
    const id = randomUUID();
    const [template] = await stack.dataSource.query<{ id: string }[]>(`SELECT id FROM task_templates WHERE key = 'quy-web' ORDER BY version DESC LIMIT 1`);
    const definition = { ...model.definition, taskId: id, code: row.code, title: `Nhiệm vụ ${row.code}`, dueAt: vn(row.due).toISOString(), assignedAt: vn('2026-06-01T09:00:00').toISOString(), term: null };
    await stack.dataSource.query(
      `INSERT INTO tasks (id, code, title, template_id, lead_unit_id, assigned_by, assigned_at, original_due_at, due_at, due_changed_at, status, delivered_at, completed_at, cancelled_at, real_users, definition, workflow_id, last_event_seq, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, $14, $17::jsonb, $15, $16, $18::jsonb)`,
      [
        id,
        row.code,
        `Nhiệm vụ ${row.code}`,
        template.id,
        org.unitIds['HN-X001'],
        org.userIds.admin2,
        vn('2026-06-01T09:00:00'),
        vn(row.due),
        vn(row.currentDue ?? row.due),
        row.currentDue ? vn('2026-09-10T09:00:00') : null,
        row.completed ? 'DONE' : 'IN_PROGRESS',
        row.delivered ? vn(row.delivered) : null,
        row.completed ? vn(row.completed) : null,
        row.realUsers ?? null,
        `task-${id}`,
        Math.max(0, ...(row.events ?? []).map(([seq]) => seq)),
        JSON.stringify(definition),
        model.state === null ? null : JSON.stringify(model.state),
      ],
    );
    for (const [seq, type, data, when] of row.events ?? []) {
      await stack.dataSource.query(`INSERT INTO task_events (task_id, seq, type, at, to_status, data) VALUES ($1, $2, $3, $4, 'IN_PROGRESS', $5)`, [id, seq, type, vn(when ?? row.completed ?? row.due), data ?? {}]);
    }
    return id;
  }

  beforeAll(async () => {
    [stack, browser] = await Promise.all([webAppSnapshot().then((web) => startTestStack({ env: { WEB_DIST_DIR: web } })), launchBrowser()]);
    org = await buildOrganisation(stack);
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('quy-web', { defaultDuration: '3d', reminders: [], acknowledgementReminder: null })).expect(201);
    // A real task of the commune, due next year (outside the quarter): its definition and state make the hand-made rows' pages whole.
    const real = await assignTask(stack, org.tokens.leaderHanoi, { templateKey: 'quy-web', title: 'Nhiệm vụ mẫu', leadUnitId: org.unitIds['HN-X001'], dueInSeconds: 60 * 86_400 });
    const model = await eventually(async () => {
      const [found] = await stack.dataSource.query<{ definition: Record<string, unknown>; state: unknown }[]>(`SELECT definition, state FROM tasks WHERE id = $1`, [real.id]);
      expect(found?.definition).toHaveProperty('plan');
      return found;
    }, 30_000);
    // The README's worked example: 43.91 / 70.
    ids.T1 = await insert({ code: 'Q3-T1', due: '2026-07-15T10:00:00', delivered: '2026-07-14T15:00:00', completed: '2026-07-16T09:00:00', realUsers: 'verified', events: [[5, 'EVIDENCE_ACCEPTED']] }, model);
    ids.T2 = await insert({
      code: 'Q3-T2',
      due: '2026-08-03T17:00:00',
      delivered: '2026-08-12T17:00:00',
      completed: '2026-08-13T09:00:00',
      realUsers: 'attested',
      events: [[4, 'EVIDENCE_REJECTED', {}, '2026-08-11T10:00:00'], [6, 'CRITERION_ATTESTED', {}, '2026-08-12T17:00:00'], [7, 'EVIDENCE_ACCEPTED']],
    }, model);
    ids.T3 = await insert({
      code: 'Q3-T3',
      due: '2026-09-15T17:00:00',
      currentDue: '2026-09-25T17:00:00',
      delivered: '2026-09-18T10:00:00',
      completed: '2026-09-18T16:00:00',
      realUsers: 'verified',
      events: [[3, 'EXTENSION_APPROVED', { objectiveCause: true, newDueAt: vn('2026-09-25T17:00:00').toISOString() }, '2026-09-10T09:00:00'], [8, 'EVIDENCE_ACCEPTED'], [9, 'REGRESSED', {}, '2026-09-28T09:00:00']],
    }, model);
    ids.T4 = await insert({ code: 'Q3-T4', due: '2026-09-22T17:00:00', events: [[2, 'OVERDUE']] }, model);
    await stack.http().post('/api/reports/scorecards').set(auth(org.adminToken)).send({ quarter: '2026-Q3' }).expect(202);
    // The commune, its head, and the two leaders directing it (the steering committee's, Hà Nội's).
    const items = await eventually(async () => {
      const res = await stack.http().get('/api/reports/scorecards?quarter=2026-Q3&pageSize=50').set(auth(org.adminToken)).expect(200);
      const found = res.body.items as { id: string; kind: string; unit: { code: string } }[];
      expect(found.length).toBe(4);
      return found;
    }, 60_000);
    unitCardId = items.find((c) => c.kind === 'UNIT' && c.unit.code === 'HN-X001')!.id;
    leaderCardId = items.find((c) => c.kind === 'LEADER' && c.unit.code === 'HN')!.id;
  });

  afterAll(async () => {
    await Promise.allSettled(opened.map((person) => person.close()));
    await browser?.close();
    await stack?.close();
  });

  async function signedIn(email: string, size: ViewportName = 'desktop'): Promise<PersonPage> {
    const someone = await openPage(browser, stack.baseUrl, size);
    opened.push(someone);
    await signInThroughUi(someone.page, email, PASSWORD);
    return someone;
  }

  async function checkAccessibility(page: Page, what: string): Promise<void> {
    accessibility.push(...(await axeViolations(page, what)));
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Điều hướng chính' });

  it('a leader reads the commune’s scorecard down to a timeline entry, enters the general points and sees the band', async () => {
    const leader = await signedIn('pho.chu.tich@hanoi.gov.vn');
    const page = leader.page;
    // From the menu; then the quarter of the worked example (the default is the last quarter that ended).
    await nav(page).getByRole('link', { name: 'Đánh giá hàng quý' }).click();
    await page.waitForURL('**/scorecards');
    await visible(heading(page, 'Đánh giá hàng quý'));
    await page.goto('/scorecards?quarter=2026-Q3');
    const row = page.getByRole('row').filter({ hasText: 'Xã Minh Châu' });
    await visible(row);
    await seesText(row, '43.91 / 70 — chờ chấm điểm');
    await visible(row.getByText('Chờ chấm điểm', { exact: true }));
    await checkAccessibility(page, 'scorecards (leader)');

    // The heads' tab is in the URL.
    await page.getByRole('tab', { name: 'Người đứng đầu' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'HEAD');
    await seesText(page, 'Chủ tịch UBND xã Minh Châu');
    await page.getByRole('tab', { name: 'Đơn vị' }).click();
    await page.waitForURL((url) => !url.searchParams.has('kind'));

    // The commune's scorecard: the three lines with their arithmetic and the tasks behind them.
    await page.getByRole('link', { name: 'Xem phiếu đánh giá: Xã Minh Châu' }).click();
    await page.waitForURL(`**/scorecards/${unitCardId}`);
    await visible(heading(page, 'Xã Minh Châu'));
    await seesText(page, '43.91 / 70 — chờ chấm điểm');
    const line = (name: string) => page.locator('.scorecard-line').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await seesText(line('Số lượng nhiệm vụ hoàn thành'), '20 × 3/4 = 15');
    await seesText(line('Số lượng nhiệm vụ hoàn thành'), '15 / 20');
    await seesText(line('Chất lượng (minh chứng được chấp nhận)'), /= 13\.28$/);
    await seesText(line('Tiến độ (đúng hạn ban đầu)'), /= 15\.63$/);
    const progressT2 = line('Tiến độ (đúng hạn ban đầu)').getByRole('row').filter({ hasText: 'Q3-T2' });
    await seesText(progressT2, 'hoàn thành chậm 7 ngày làm việc (2 bậc × −25%)');
    await seesText(progressT2, '3.13 / 6.25');
    await checkAccessibility(page, 'scorecard (pending)');

    // A timeline entry behind the quality line opens the task's timeline at that entry.
    await line('Chất lượng (minh chứng được chấp nhận)').getByRole('link', { name: /^Diễn biến #4 của Q3-T2: / }).click();
    await page.waitForURL((url) => url.pathname === `/tasks/${ids.T2}` && url.hash === '#event-4');
    await visible(heading(page, 'Nhiệm vụ Q3-T2'));
    const entry = page.locator('#event-4');
    await visible(entry);
    expect(await entry.getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('tab', { name: /Diễn biến/ }).getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'scorecard-timeline-entry');
    await page.goBack();
    await visible(heading(page, 'Xã Minh Châu'));

    // The general points: more than 30 is refused next to the field, in the API's words.
    const general = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Điểm chung (người đánh giá chấm)' }) });
    await general.getByLabel('Điểm chung').fill('31');
    await general.getByLabel('Nhận xét').fill('Chấp hành tốt kỷ luật, kỷ cương.');
    await general.getByRole('button', { name: 'Lưu điểm chung' }).click();
    await visible(general.locator('#points_help, .ant-form-item-explain-error').first());
    await general.getByLabel('Điểm chung').fill('27');
    await general.getByRole('button', { name: 'Lưu điểm chung' }).click();
    await seesText(page, 'Đã lưu điểm chung: tổng điểm 70.91, xếp loại Không hoàn thành nhiệm vụ.');
    await seesText(page, '70.91 / 100');
    await visible(page.getByText('Không hoàn thành nhiệm vụ', { exact: true }).first());
    await seesText(page, 'Xếp loại bị hạ: 2/4 nhiệm vụ chậm chưa được chấp nhận (50%), vượt mức 20% cho phép.');
    await seesText(general, 'Chấp hành tốt kỷ luật, kỷ cương.');
    await checkAccessibility(page, 'scorecard (evaluated)');

    // The list follows: total and band.
    await page.goto('/scorecards?quarter=2026-Q3');
    const evaluated = page.getByRole('row').filter({ hasText: 'Xã Minh Châu' });
    await seesText(evaluated, '70.91 / 100');
    await visible(evaluated.getByText('Không hoàn thành nhiệm vụ', { exact: true }));

    // The leader's own scorecard: the API refuses, and the page says why.
    await page.goto(`/scorecards/${leaderCardId}`);
    await visible(heading(page, 'Phó Chủ tịch UBND Hà Nội — Thành phố Hà Nội'));
    const own = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Điểm chung (người đánh giá chấm)' }) });
    await own.getByLabel('Điểm chung').fill('25');
    await own.getByLabel('Nhận xét').fill('Tự chấm');
    await own.getByRole('button', { name: 'Lưu điểm chung' }).click();
    const refusal = await visible(own.getByRole('alert'));
    expect((await refusal.innerText()).trim().length).toBeGreaterThan(0);
    const saved = await stack.http().get(`/api/reports/scorecards/${leaderCardId}`).set(auth(org.adminToken)).expect(200);
    expect(saved.body.general).toBeNull();
    expect(leader.pageErrors).toEqual([]);
  }, 300_000);

  it('an officer has no scorecards in the menu', async () => {
    const officer = await signedIn('can.bo@minhchau.hanoi.gov.vn');
    await visible(heading(officer.page, 'Nhiệm vụ của tôi'));
    await visible(nav(officer.page).getByRole('link', { name: 'Chờ quyết định' }));
    expect(await nav(officer.page).getByRole('link', { name: 'Đánh giá hàng quý' }).count()).toBe(0);
    // A head sees it.
    const head = await signedIn('chu.tich@minhchau.hanoi.gov.vn');
    await visible(nav(head.page).getByRole('link', { name: 'Đánh giá hàng quý' }));
    expect([...officer.pageErrors, ...head.pageErrors]).toEqual([]);
  }, 120_000);

  it('shows the list and the scorecard at desktop and phone width: no sideways scrolling, no untranslated text, screenshots', async () => {
    const problems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) {
      const leader = await signedIn('pho.chu.tich@hanoi.gov.vn', size);
      const page = leader.page;
      const shots = [
        { name: 'scorecards', path: '/scorecards?quarter=2026-Q3', ready: () => page.getByText('70.91 / 100').first() },
        { name: 'scorecard', path: `/scorecards/${unitCardId}`, ready: () => heading(page, 'Xã Minh Châu') },
      ];
      for (const shot of shots) {
        await page.goto(shot.path);
        await visible(shot.ready());
        await checkAccessibility(page, shot.name);
        await screenshot(page, shot.name);
        await readmeScreenshot(page, shot.name);
        problems.push(...(await untranslatedKeys(page)).map((key) => `${shot.name} (${size}): untranslated key “${key}”`));
        const overflow = size === 'phone' ? await horizontalOverflow(page) : 0;
        if (overflow > 0) problems.push(`${shot.name} (${size}): ${overflow} px wider than the screen`);
        problems.push(...leader.pageErrors.splice(0).map((error) => `${shot.name} (${size}): uncaught ${error}`));
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('every page looked at passes axe (no serious or critical violation)', () => {
    expect(accessibility.join('\n')).toBe('');
  });
});
