/**
 * Bundles `workflows/` into dist/workflow-bundle.js, the prebuilt code the worker loads in
 * production (WORKFLOW_BUNDLE_PATH). Skipped when the workflow sources have not changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const root = join(__dirname, '..');
const source = join(root, 'workflows');
const out = join(root, 'dist', 'workflow-bundle.js');
const stampFile = `${out}.sha256`;

function sourceDigest(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(root, 'node_modules', '@temporalio', 'workflow', 'package.json')));
  for (const file of readdirSync(source, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.ts')) hash.update(file).update(readFileSync(join(source, file)));
  }
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const digest = sourceDigest();
  if (existsSync(out) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) return;
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(source), logger: new DefaultLogger('WARN') });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(out, code);
  writeFileSync(stampFile, digest);
  process.stdout.write(`Workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Bundling workflows failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
