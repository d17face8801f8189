import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { eachLine } from './processes';

export interface GoInstall {
  /** The Go command (see `findGo`). */
  go: string;
  /** `module/path@version` of each package to build. */
  packages: string[];
  /** The binaries they produce (named by `go install` after each package's directory). */
  binaries: string[];
  /** The directory the binaries end in (the per-user cache). */
  target: string;
  /** Each line of Go's output; by default only the last 40 are kept, for the error. */
  onOutput?: (line: string) => void;
}

/**
 * Builds Go binaries from the module proxy into `target` (once per machine; minutes): `go install`
 * into a build directory of this process, then each binary renamed into place — atomic, so a
 * concurrent build of the same binaries can never leave half a file. CGO off: static binaries.
 */
export async function goInstall({ go, packages, binaries, target, onOutput }: GoInstall): Promise<void> {
  const buildDir = join(target, `build-${process.pid}`);
  mkdirSync(buildDir, { recursive: true });
  const child = spawn(go, ['install', ...packages], { env: { ...process.env, GOBIN: buildDir, CGO_ENABLED: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const keep = (line: string) => {
    onOutput?.(line);
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };
  eachLine(child.stdout, keep);
  eachLine(child.stderr, keep);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    if (code !== 0 || !binaries.every((name) => existsSync(join(buildDir, name)))) {
      throw new Error(`go install ${packages.join(' ')} failed (exit ${code}):\n${recent.join('\n')}`);
    }
    for (const name of binaries) renameSync(join(buildDir, name), join(target, name));
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}
