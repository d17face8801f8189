import type { Browser, Page } from 'playwright-core';
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
  settle,
  signInThroughUi,
  untranslatedKeys,
  visible,
  webAppSnapshot,
  type PersonPage,
  type ViewportName,
} from '../helpers/browser';
import { getTask, waitForEvent } from '../helpers/task-timeline';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const DAY = 86_400;

/**
 * The overview page in Chromium against the real stack: a Hà Nội leader's statistic set, seeded
 * through the API and brought to its states by the real workflows (due times of seconds, an
 * extension approved after the due time):
 *
 * | task        | unit      | original state | current state  | other     |
 * | overdueA    | HN-X001   | OVERDUE        | OVERDUE        |           |
 * | overdueB    | HN-X001   | OVERDUE        | OVERDUE        |           |
 * | extended    | HN-X001   | OVERDUE        | IN_PROGRESS…   | +30 days  |
 * | within      | HN-X001   | IN_PROGRESS…   | IN_PROGRESS…   |           |
 * | key         | HN-X001   | IN_PROGRESS…   | IN_PROGRESS…   | key task  |
 * | cancelled   | HN-X001   | (cancelled)    | (cancelled)    |           |
 * | deptOverdue | HN-SKHCN  | OVERDUE        | OVERDUE        |           |
 * | deptWithin  | HN-SKHCN  | IN_PROGRESS…   | IN_PROGRESS…   |           |
 * | haiphong    | HP-X001   | OVERDUE        | OVERDUE        | not in the leader's scope |
 *
 * The page's figures must be the API's (`GET /api/reports/statistics` for the same scope, filters
 * and cut-off), and a click on a figure must list exactly the tasks of the API's drill-down.
 */
/** A row of the statistics, as far as the page shows it. */
interface StatisticsRow {
  group: string | null;
  label: string;
  total: number;
  key: number;
  cancelled: number;
  original: Record<string, number>;
  current: Record<string, number>;
}
interface Statistics {
  asOf: string;
  rows: StatisticsRow[];
  totals: StatisticsRow;
}

type Name = 'overdueA' | 'overdueB' | 'extended' | 'within' | 'key' | 'cancelled' | 'deptOverdue' | 'deptWithin' | 'haiphong';

describe('Web app: the overview’s figures and their drill-down, in the browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let org: Organisation;
  const tasks = {} as Record<Name, TaskRef>;
  const opened: PersonPage[] = [];
  const accessibility: string[] = [];
  const LEADER = 'pho.chu.tich@hanoi.gov.vn';

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);
  const get = (token: string, path: string) => stack.http().get(path).set(auth(token));
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  const names = (ids: string[]) => ids.map((id) => (Object.keys(tasks) as Name[]).find((name) => tasks[name].id === id) ?? id).sort();

  beforeAll(async () => {
    [stack, browser] = await Promise.all([webAppSnapshot().then((web) => startTestStack({ env: { WEB_DIST_DIR: web } })), launchBrowser()]);
    org = await buildOrganisation(stack);
    await post(
      org.adminToken,
      '/api/templates',
      fastTemplate('tong-quan', { defaultDuration: '30d', reminders: [], acknowledgementReminder: null, escalation: { levels: [], decisionReminderEvery: '1d', explanationDeadline: '1d' } }),
    ).expect(201);
    const assign = async (name: Name, seconds: number, unit = 'HN-X001', extra: object = {}) => {
      tasks[name] = await assignTask(stack, org.adminToken, { templateKey: 'tong-quan', title: `Nhiệm vụ tổng quan ${name}`, leadUnitId: org.unitIds[unit], dueAt: later(seconds), ...extra });
    };
    await assign('overdueA', 3);
    await assign('overdueB', 3);
    await assign('extended', 3);
    await assign('within', 30 * DAY);
    await assign('key', 30 * DAY, 'HN-X001', { key: true });
    await assign('cancelled', 30 * DAY);
    await assign('deptOverdue', 3, 'HN-SKHCN');
    await assign('deptWithin', 30 * DAY, 'HN-SKHCN');
    await assign('haiphong', 3, 'HP-X001');
    await post(org.adminToken, `/api/tasks/${tasks.cancelled.id}/cancel`, { reason: 'Không còn phù hợp' }).expect(200);
    for (const name of ['overdueA', 'overdueB', 'extended', 'deptOverdue', 'haiphong'] as const) await waitForEvent(stack, org.adminToken, tasks[name].id, 'OVERDUE', 1, 30_000);
    // An extension approved after the due time: overdue against the original due time, within the current one.
    await post(org.tokens.officerCommune, `/api/tasks/${tasks.extended.id}/extension-requests`, { newDueAt: later(30 * DAY), reason: 'Chờ phê duyệt kinh phí' }).expect(200);
    const extended = await getTask(stack, org.adminToken, tasks.extended.id);
    await post(org.adminToken, `/api/tasks/${tasks.extended.id}/extension-requests/${extended.pending.extensions[0].id}/decision`, { approve: true }).expect(200);
    await waitForEvent(stack, org.adminToken, tasks.extended.id, 'EXTENSION_APPROVED', 1, 20_000);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(opened.map((person) => person.close()));
    await browser?.close();
    await stack?.close();
  });

  async function leader(size: ViewportName = 'desktop'): Promise<PersonPage> {
    const someone = await openPage(browser, stack.baseUrl, size);
    opened.push(someone);
    await signInThroughUi(someone.page, LEADER, PASSWORD);
    return someone;
  }

  /** The ids of the tasks the list page shows (its links to /tasks/<id>). */
  async function listedIds(page: Page): Promise<string[]> {
    await settle(page);
    const hrefs = await Promise.all((await page.locator('main a[href^="/tasks/"]').all()).map(async (link) => (await link.getAttribute('href')) ?? ''));
    return [...new Set(hrefs.map((href) => /^\/tasks\/([0-9a-f-]{36})$/.exec(href)?.[1]).filter((id): id is string => id !== undefined))].sort();
  }

  /** The tasks the API lists for a figure's drill-down. */
  async function apiDrillDown(token: string, query: string): Promise<string[]> {
    const res = await get(token, `/api/tasks?${query}&pageSize=100`).expect(200);
    return (res.body.items as { id: string }[]).map((item) => item.id).sort();
  }

  it('shows the API’s figures for the leader’s scope, and a click on a figure lists exactly its tasks', async () => {
    const { page, pageErrors } = await leader();
    const token = org.tokens.leaderHanoi;
    const hanoi = org.unitIds.HN;
    // The page's own request for the statistic set (not the key tasks', the heads' or a week's).
    const answered = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === '/api/reports/statistics' && url.searchParams.get('unitId') === hanoi && !url.searchParams.has('asOf') && !url.searchParams.has('groupBy') && !url.searchParams.has('key');
    });
    await page.goto(`/overview?unitId=${hanoi}`);
    const shown = (await (await answered).json()) as Statistics;
    await visible(page.getByRole('heading', { name: 'Tổng quan', exact: true }));

    // The API counts the same at the same cut-off (the page may have read the worker's snapshot: it equals the live count at its cut-off).
    const api = (await get(token, `/api/reports/statistics?unitId=${hanoi}&asOf=${encodeURIComponent(shown.asOf)}`).expect(200)).body as Statistics;
    const figures = (row: StatisticsRow) => ({ group: row.group, label: row.label, total: row.total, key: row.key, cancelled: row.cancelled, original: row.original, current: row.current });
    expect(shown.rows.map(figures)).toEqual(api.rows.map(figures));
    expect(figures(shown.totals)).toEqual(figures(api.totals));
    // …and what was seeded: Hà Nội's two units (Hải Phòng is outside the leader's scope).
    expect(api.rows.map((row) => row.label)).toEqual(['Sở Khoa học và Công nghệ Hà Nội', 'Xã Minh Châu']);
    expect(api.totals).toMatchObject({ total: 7, key: 1, cancelled: 1, original: { overdue: 4, inProgressWithinDeadline: 3 }, current: { overdue: 3, inProgressWithinDeadline: 4 } });

    // The page shows each of those figures: the summary (both due times) and every unit's bar.
    const stateNames = { doneOnTime: 'Hoàn thành đúng hạn', doneLate: 'Hoàn thành quá hạn', inProgressWithinDeadline: 'Đang thực hiện trong hạn', overdue: 'Quá hạn' } as const;
    const summaryTable = page.getByRole('table');
    for (const [against, line] of [['original', 'Tất cả — theo hạn ban đầu'], ['current', 'Tất cả — theo hạn hiện hành']] as const) {
      for (const [figure, state] of Object.entries(stateNames)) {
        const count = api.totals[against][figure];
        await visible(summaryTable.getByRole('link', { name: `${line} — ${state}: ${count} nhiệm vụ, xem danh sách`, exact: true }));
      }
    }
    for (const row of api.rows) {
      for (const [figure, state] of Object.entries(stateNames)) {
        const count = row.current[figure];
        const bar = page.getByRole('link', { name: `${row.label} — ${state}: ${count} nhiệm vụ, xem danh sách`, exact: true });
        if (count > 0) expect(await (await visible(bar)).innerText()).toBe(String(count));
        else expect(await bar.count()).toBe(0);
      }
      await visible(page.getByRole('link', { name: `${row.label}: ${row.total} nhiệm vụ, xem danh sách`, exact: true }));
    }
    await visible(page.getByRole('link', { name: `Tổng số: ${api.totals.total} nhiệm vụ, xem danh sách` }));
    expect(await page.getByRole('link', { name: /^Quá hạn lúc 08:00 thứ Hai/ }).count()).toBe(8);
    accessibility.push(...(await axeViolations(page, 'overview')));

    // A click on "overdue against the original due time" lists exactly the API's drill-down of that figure.
    await page.getByRole('link', { name: `Tất cả — theo hạn ban đầu — Quá hạn: 4 nhiệm vụ, xem danh sách`, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/tasks');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ asOf: shown.asOf, withinUnitId: hanoi, state: 'OVERDUE', against: 'original' });
    await seesText(page, 'Các nhiệm vụ của một số liệu thống kê');
    await seesText(page, /— 4 nhiệm vụ$/);
    const expectedOriginal = await apiDrillDown(token, url.searchParams.toString());
    expect(names(await listedIds(page))).toEqual(names(expectedOriginal));
    expect(names(expectedOriginal)).toEqual(['deptOverdue', 'extended', 'overdueA', 'overdueB']);
    accessibility.push(...(await axeViolations(page, 'tasks drill-down')));
    await screenshot(page, 'overview-drill-down');

    // Back on the overview, a unit's bar: Minh Châu's overdue tasks against the current due time (the extended one is not among them).
    await page.goBack();
    await page.getByRole('link', { name: 'Xã Minh Châu — Quá hạn: 2 nhiệm vụ, xem danh sách', exact: true }).click();
    await page.waitForURL((next) => next.pathname === '/tasks' && next.searchParams.get('state') === 'OVERDUE');
    await seesText(page, /— 2 nhiệm vụ$/);
    const barQuery = new URL(page.url()).searchParams;
    expect(Object.fromEntries(barQuery)).toMatchObject({ withinUnitId: org.unitIds['HN-X001'], against: 'current' });
    const expectedBar = await apiDrillDown(token, barQuery.toString());
    expect(names(await listedIds(page))).toEqual(names(expectedBar));
    expect(names(expectedBar)).toEqual(['overdueA', 'overdueB']);

    // The cancelled one, listed apart.
    await page.goto(`/overview?unitId=${hanoi}`);
    await page.getByRole('link', { name: 'Đã hủy: 1 nhiệm vụ, xem danh sách' }).click();
    await page.waitForURL((next) => next.searchParams.get('state') === 'CANCELLED');
    await seesText(page, /— 1 nhiệm vụ$/);
    expect(names(await listedIds(page))).toEqual(['cancelled']);

    // Key tasks apart, then a filter in the URL narrows the figures as the API does.
    await page.goto(`/overview?unitId=${hanoi}&level=department`);
    const department = (await get(token, `/api/reports/statistics?unitId=${hanoi}&level=department`).expect(200)).body as Statistics;
    expect(department.totals.total).toBe(2);
    await visible(page.getByRole('link', { name: `Tổng số: 2 nhiệm vụ, xem danh sách` }));

    // The export: the same filters as an XLSX file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^thong-ke-nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('at desktop and phone width: screenshots, no untranslated key, no sideways scrolling, no uncaught error', async () => {
    const problems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) {
      const someone = await leader(size);
      const page = someone.page;
      await page.goto(`/overview?unitId=${org.unitIds.HN}`);
      await visible(page.getByRole('link', { name: /^Xã Minh Châu — Quá hạn/ }));
      await visible(page.getByRole('link', { name: /^Quá hạn lúc 08:00 thứ Hai/ }));
      accessibility.push(...(await axeViolations(page, `overview (${size})`)));
      await screenshot(page, 'overview');
      await readmeScreenshot(page, 'overview');
      problems.push(...(await untranslatedKeys(page)).map((key) => `overview (${size}): untranslated key “${key}”`));
      const overflow = size === 'phone' ? await horizontalOverflow(page) : 0;
      if (overflow > 0) problems.push(`overview (${size}): ${overflow} px wider than the screen`);
      // The whole scope (the leader's unit rolled up), and the page reached from the menu.
      await page.goto('/tasks');
      await page.getByRole('link', { name: 'Tổng quan' }).first().click();
      await page.waitForURL((url) => url.pathname === '/overview');
      await visible(page.getByRole('link', { name: /^Thành phố Hà Nội: 7 nhiệm vụ/ }));
      problems.push(...someone.pageErrors.splice(0).map((error) => `overview (${size}): uncaught ${error}`));
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('every page looked at passes axe (no serious or critical violation)', () => {
    expect(accessibility.join('\n')).toBe('');
  });
});
