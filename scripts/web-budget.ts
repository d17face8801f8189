/**
 * The sign-in page's JavaScript budget: what a first visit to /sign-in downloads (the page's entry
 * script, its preloaded chunks and the sign-in route's chunk, with their static imports), gzipped.
 * Prints the figure; fails above the budget (250 KB). Run after `npm run build:web`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dist = join(__dirname, '..', 'dist', 'web');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  { file: string; isEntry?: boolean; imports?: string[]; src?: string }
>;

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const signIn = Object.keys(manifest).find((key) => key.endsWith('features/auth/routes/sign-in.tsx'));
if (!entry || !signIn) throw new Error('dist/web/.vite/manifest.json has no entry or no sign-in route: run npm run build:web');

const loaded = new Set<string>();
const visit = (key: string): void => {
  if (loaded.has(key)) return;
  loaded.add(key);
  manifest[key].imports?.forEach(visit);
};
visit(entry);
visit(signIn);

let total = 0;
for (const key of loaded) {
  const file = manifest[key].file;
  if (file.endsWith('.js')) total += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`Sign-in page JavaScript: ${kb(total)} gzipped in ${loaded.size} files (budget ${kb(BUDGET)})`);
if (total > BUDGET) {
  console.error('Over budget: keep heavy modules in the pages that need them (lazy routes), not in lib/ or app/.');
  process.exit(1);
}
