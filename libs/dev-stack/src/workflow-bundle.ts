import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { PROJECT_ROOT } from './paths';

const WORKFLOWS = join(PROJECT_ROOT, 'workflows');
export const DEFAULT_BUNDLE_PATH = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');

function sourceDigest(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(PROJECT_ROOT, 'node_modules', '@temporalio', 'workflow', 'package.json')));
  for (const file of readdirSync(WORKFLOWS, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.ts')) hash.update(file).update(readFileSync(join(WORKFLOWS, file)));
  }
  return hash.digest('hex');
}

/**
 * Bundles `workflows/` into one file the worker loads with WORKFLOW_BUNDLE_PATH (production,
 * `npm start`, tests). Returns quickly when the sources have not changed since the last bundle.
 */
export async function ensureWorkflowBundle(out = DEFAULT_BUNDLE_PATH): Promise<{ path: string; rebuilt: boolean }> {
  const digest = sourceDigest();
  const stamp = `${out}.sha256`;
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return { path: out, rebuilt: false };
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS), logger: new DefaultLogger('WARN') });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  writeFileSync(stamp, digest);
  return { path: out, rebuilt: true };
}
