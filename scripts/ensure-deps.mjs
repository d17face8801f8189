#!/usr/bin/env node
// Installs dependencies when they are missing or older than package-lock.json. Plain Node, no
// dependencies: it runs before anything is installed (the prestart and pretest steps).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.dondoc-deps');
const digest = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

const wanted = digest(lock);
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (installed === wanted) process.exit(0);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`dondoc needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

console.log(existsSync(join(root, 'node_modules')) ? '› Dependencies changed: installing…' : '› Installing dependencies (first run)…');
const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('npm install failed; see the output above.');
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${wanted}\n`);
