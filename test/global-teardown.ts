import { rmSync } from 'node:fs';

/** Stops the shared PostgreSQL and Temporal server and removes their files. */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.dondocSharedStack;
  if (!stack) return;
  await Promise.allSettled([stack.temporal.stop(), stack.postgres.stop()]);
  rmSync(stack.dir, { recursive: true, force: true });
  globalThis.dondocSharedStack = undefined;
}
