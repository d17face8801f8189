import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file is libs/dev-stack/src/paths.ts). */
export const PROJECT_ROOT = resolve(__dirname, '../../..');

/** Per-user cache shared by every clone: the Temporal CLI build lives here. */
export function userCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'dondoc');
}
