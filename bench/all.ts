/**
 * `npm run bench [-- --quick]`: every benchmark, one after the other, each with the arguments
 * given (each starts what it needs and writes bench/results/<name>.json). Figures are printed,
 * never asserted. A benchmark that fails is reported and the others still run; the exit code
 * says whether all succeeded.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHMARKS = ['statistics', 'assignment', 'reminders', 'api-load', 'national', 'scale-out'];
const args = process.argv.slice(2);
const failed: string[] = [];
for (const [i, name] of BENCHMARKS.entries()) {
  // The first benchmark builds; the others use what it built.
  const env = i === 0 ? process.env : { ...process.env, DONDOC_SKIP_BUILD: '1' };
  process.stderr.write(`\n[bench] ${name} ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, `${name}.ts`), ...args], { stdio: 'inherit', env });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  process.stderr.write(`\n[bench] failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
