import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { goInstall } from './go-install';
import { userCacheDir } from './paths';

/** The newest Temporal CLI release that `go install` accepts (later ones carry a replace directive). */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

export type TemporalCli =
  | { kind: 'binary'; path: string; source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go install' }
  | { kind: 'sdk-download'; downloadDir: string };

/** Whether `path` is a file this process may execute. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Where the CLI built by `go install` is kept, shared by every clone of dondoc for this user. */
export function cachedCliPath(): string {
  return join(userCacheDir(), 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
}

/** The Go command: on PATH, else where Go's installers put it. */
export function findGo(): string | undefined {
  return onPath('go') ?? ['/usr/local/go/bin/go', '/usr/lib/go/bin/go'].find(isExecutable);
}

/** Builds the CLI into the cache with Go (once; minutes). */
async function buildCli(go: string, log: (line: string) => void): Promise<string> {
  const target = cachedCliPath();
  log(`Building Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${target}.`);
  log('This happens once per machine and takes a few minutes; later starts reuse it.');
  await goInstall({ go, packages: [`${MODULE}@v${TEMPORAL_CLI_VERSION}`], binaries: ['temporal'], target: dirname(target) });
  log('Temporal CLI built.');
  return target;
}

/**
 * Finds a Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the per-user cache,
 * then a `go install` build into that cache, and as a last resort the Temporal SDK's own
 * download (machines with internet access).
 */
export async function resolveTemporalCli(log: (line: string) => void = () => undefined): Promise<TemporalCli> {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return { kind: 'binary', path: explicit, source: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { kind: 'binary', path: fromPath, source: 'PATH' };
  const cached = cachedCliPath();
  if (isExecutable(cached)) return { kind: 'binary', path: cached, source: 'cache' };
  const go = findGo();
  if (go) {
    try {
      return { kind: 'binary', path: await buildCli(go, log), source: 'go install' };
    } catch (error) {
      log(`Could not build the Temporal CLI with Go: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  log('Falling back to the Temporal SDK download of the CLI (needs internet access).');
  return { kind: 'sdk-download', downloadDir: join(userCacheDir(), 'temporal-cli', 'sdk-download') };
}
