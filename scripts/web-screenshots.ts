/**
 * Regenerates the README's screenshots (docs/screenshots/<page>-<desktop|phone>.png): sign-in,
 * my tasks, a task, its evidence, decisions, the inbox, the scorecards and a scorecard, at 1366 and
 * 360 px wide.
 *
 * They are not staged by hand: this builds the web app and runs the browser suites
 * (test/web/lifecycle.e2e-spec.ts, test/web/scorecards.e2e-spec.ts), which start the real stack
 * the way every integration suite does (PostgreSQL, Temporal, an SMTP server, the API serving the
 * built pages, the worker), seed an organisation, walk a task from invitation to DONE and read the
 * worked example's scorecard in Chromium, and photograph each page as its people see it
 * (test/artifacts/screenshots/readme). The pictures taken during this
 * run are copied here; if one is missing, nothing is copied and the script fails.
 *
 *   npm run screenshots
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const TAKEN = join(ROOT, 'test', 'artifacts', 'screenshots', 'readme');
const TARGET = join(ROOT, 'docs', 'screenshots');
const PAGES = ['sign-in', 'my-tasks', 'task', 'evidence', 'decisions', 'inbox', 'scorecards', 'scorecard'];
const SIZES = ['desktop', 'phone'];

function run(command: string, args: string[]): number {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const started = Date.now();
if (run('npm', ['run', 'build:web', '--silent']) !== 0) {
  console.error('The web app did not build: no screenshots taken.');
  process.exit(1);
}
// `--runTestsByPath` before the path: `--selectProjects` takes every word after it as a project name.
const suite = run('npx', ['jest', '--selectProjects', 'integration', '--runTestsByPath', 'test/web/lifecycle.e2e-spec.ts', 'test/web/scorecards.e2e-spec.ts']);

const files = PAGES.flatMap((page) => SIZES.map((size) => `${page}-${size}.png`));
const missing = files.filter((file) => !existsSync(join(TAKEN, file)) || statSync(join(TAKEN, file)).mtimeMs < started);
if (missing.length > 0) {
  console.error(`\nThe browser suite did not take these screenshots (see its failures above); docs/screenshots is unchanged:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
mkdirSync(TARGET, { recursive: true });
for (const file of files) copyFileSync(join(TAKEN, file), join(TARGET, file));
const size = files.reduce((sum, file) => sum + statSync(join(TARGET, file)).size, 0);
console.log(`\nCopied ${files.length} screenshots to docs/screenshots (${(size / 1024).toFixed(0)} KB); look at them before committing.`);
if (suite !== 0) {
  console.warn('Note: the browser suite failed (see above), after taking every screenshot: fix it, or say why, before publishing these.');
}
