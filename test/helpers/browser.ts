/**
 * The browser side of the web app's end-to-end suites: Debian's Chromium driven by playwright-core
 * (no downloaded browser), pages at a desktop and a phone size, screenshots, axe checks and
 * signing in through the page as a person would.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test', 'artifacts', 'screenshots');

/** The two widths every page is checked at. */
export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 360, height: 740 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * Chromium at /usr/bin/chromium, installed with apt-get when missing (as .ci/run does). Throws a
 * message saying what to do when it cannot be installed.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  process.stderr.write(`[browser] ${CHROMIUM_PATH} is missing: installing it with apt-get install -y chromium\n`);
  const aptGet = (...args: string[]) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let install = aptGet('install', '-y', 'chromium');
  if (install.status !== 0 && !install.error) {
    process.stderr.write('[browser] apt-get install failed; updating the package lists (apt-get update) and trying once more\n');
    if (aptGet('update').status === 0) install = aptGet('install', '-y', 'chromium');
  }
  if (install.status !== 0 || !existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is needed at ${CHROMIUM_PATH} for the web app's browser tests and could not be installed ` +
        `(apt-get install -y chromium ${install.error ? `failed: ${install.error.message}` : `exited with ${install.status}`}). ` +
        'Install Debian\'s chromium package (as root: apt-get update && apt-get install -y chromium) and run the tests again.',
    );
  }
  return CHROMIUM_PATH;
}

/** One headless Chromium (launch it once per test file, close it in afterAll). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A copy of the built web app (dist/web) for one suite, so a rebuild while the suite runs (vite
 * empties dist/web first) cannot pull the pages from under it. Pass it as WEB_DIST_DIR. A build
 * under way when the suite starts is waited for (a minute at most): the copy is taken once
 * index.html and every file it names are there.
 */
export async function webAppSnapshot(): Promise<string> {
  const built = join(ROOT, 'dist', 'web');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const copy = completeCopy(built);
    if (copy) return copy;
    if (Date.now() > deadline) throw new Error('The web app is not built (dist/web/index.html and its assets): run `npm run build:web` (npm test builds it) before the browser tests');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function completeCopy(built: string): string | undefined {
  const index = join(built, 'index.html');
  if (!existsSync(index)) return undefined;
  const copy = mkdtempSync(join(process.env.TEST_TMP_DIR ?? tmpdir(), 'web-'));
  try {
    cpSync(built, copy, { recursive: true });
    const html = readFileSync(join(copy, 'index.html'), 'utf8');
    const named = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]);
    if (named.every((file) => existsSync(join(copy, file)))) return copy;
  } catch {
    // dist/web changed while it was copied: try again
  }
  rmSync(copy, { recursive: true, force: true });
  return undefined;
}

export interface PersonPage {
  context: BrowserContext;
  page: Page;
  size: ViewportName;
  /** Uncaught errors thrown in the page (each is a bug the user may not see). */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser context (its own cookies: one person) with one page at the given size, in
 * Vietnamese and Vietnam's time zone, addressed relative to `baseUrl`.
 */
export async function openPage(browser: Browser, baseUrl: string, size: ViewportName = 'desktop'): Promise<PersonPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: VIEWPORTS[size],
    deviceScaleFactor: 1,
    isMobile: size === 'phone',
    hasTouch: size === 'phone',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // The app then runs without animations (it honours the setting), so what axe and the
    // screenshots see is the settled page, not a message half faded in or out.
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  recordApiCalls(page);
  return { context, page, size, pageErrors, close: () => context.close() };
}

/** The page's latest API calls (method, path, status), told in a failure's message. */
const apiCalls = new WeakMap<Page, string[]>();

function recordApiCalls(page: Page): void {
  const calls: string[] = [];
  apiCalls.set(page, calls);
  const note = (line: string) => {
    calls.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (calls.length > 20) calls.shift();
  };
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (request) => {
    if (isApi(request.url())) note(`→ ${request.method()} ${new URL(request.url()).pathname}`);
  });
  page.on('response', (response) => {
    if (isApi(response.url())) note(`← ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  page.on('requestfailed', (request) => {
    if (isApi(request.url())) note(`✗ ${request.method()} ${new URL(request.url()).pathname}: ${request.failure()?.errorText ?? 'failed'}`);
  });
}

/** Which of VIEWPORTS the page is shown at (by its width). */
export function viewportOf(page: Page): ViewportName {
  return (page.viewportSize()?.width ?? VIEWPORTS.desktop.width) <= VIEWPORTS.phone.width ? 'phone' : 'desktop';
}

/**
 * A full-page PNG at test/artifacts/screenshots/<name>-<desktop|phone>.png (gitignored), once
 * the page has stopped loading (no spinner, fonts ready). Returns the file.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  return shoot(page, join(SCREENSHOT_DIR, `${name}-${viewportOf(page)}.png`), true);
}

/** Where the README's screenshots are taken (scripts/web-screenshots.ts copies them to docs/screenshots). */
export const README_SCREENSHOT_DIR = join(SCREENSHOT_DIR, 'readme');

/** What the screen shows (not the whole page), for the README: readme/<name>-<desktop|phone>.png. */
export async function readmeScreenshot(page: Page, name: string): Promise<string> {
  return shoot(page, join(README_SCREENSHOT_DIR, `${name}-${viewportOf(page)}.png`), false);
}

async function shoot(page: Page, file: string, fullPage: boolean): Promise<string> {
  mkdirSync(dirname(file), { recursive: true });
  await settle(page);
  await page.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
  return file;
}

/** Waits for the page's network and antd's spinners and skeletons to finish. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.evaluate('document.fonts.ready.then(() => true)'); // a string: the test code has no DOM types
}

/** The impacts that fail a page. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe (WCAG 2.1 A and AA rules) on the page as it is now (an open dialog included) and
 * returns its serious and critical violations, one readable line per rule and failing element.
 */
export async function axeViolations(page: Page, what = page.url()): Promise<string[]> {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const failing = result.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  return failing.flatMap((violation) => [
    `${what} (${viewportOf(page)}): ${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl.replace(/\?.*$/, '')}`,
    ...violation.nodes.slice(0, 5).map((node) => `    → ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''}`),
    ...(violation.nodes.length > 5 ? [`    … and ${violation.nodes.length - 5} more`] : []),
  ]);
}

/** Fails on any serious or critical axe violation of the page as it is now, listing them. */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  const lines = await axeViolations(page, what);
  if (lines.length > 0) throw new Error(`Accessibility violations:\n${lines.join('\n')}`);
}

/**
 * Texts that look like i18next keys left untranslated (`tasks.fields.foo`, `dialogs.x.title`):
 * dotted lower-camel words that are not part of an address, a file name or a number.
 */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const found: string[] = [];
  for (const match of text.matchAll(/[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*){1,5}/g)) {
    const before = text[(match.index ?? 0) - 1] ?? ' ';
    const after = text[(match.index ?? 0) + match[0].length] ?? ' ';
    if (/[\w/:@.-]/.test(before) || /[\w/:@-]/.test(after)) continue; // part of an address, an email or a file
    if (/\.(?:vn|test|local|gov|com|org|net|csv|json|xlsx|html|png|svg|pdf)$/i.test(match[0])) continue;
    found.push(match[0]);
  }
  return found;
}

/** Signs in on /sign-in as a person does and waits until the page has left it. */
export async function signInThroughUi(page: Page, email: string, password: string, next?: string): Promise<void> {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Waits until the locator is visible (the first match) and returns it. */
export async function visible(locator: Locator, timeout?: number): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    // What the page showed instead: a screenshot beside the others, named in the failure.
    const file = await screenshotOnFailure(locator.page());
    const calls = apiCalls.get(locator.page()) ?? [];
    if (error instanceof Error) error.message += `\nThe page (${locator.page().url()}) as it was: ${file}\nIts latest API calls:\n  ${calls.join('\n  ') || '(none)'}`;
    throw error;
  }
  return locator.first();
}

let failures = 0;
async function screenshotOnFailure(page: Page): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `failure-${++failures}-${viewportOf(page)}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  return file;
}

/** Waits until the page shows this text somewhere (exact substring, visible). */
export async function seesText(page: Page | Locator, text: string | RegExp, timeout?: number): Promise<Locator> {
  return visible(page.getByText(text), timeout);
}

/** How many CSS pixels the page is wider than the screen (0: no sideways scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}
