/** A sweep repeating on an interval; stop() ends it. */
export interface PeriodicSweep {
  /** Clears the interval and waits for a run in progress to end. */
  stop(): Promise<void>;
}

/**
 * Runs `sweep` every `intervalMs` until stopped. A run still going when the next is due is not
 * doubled: that tick is skipped. `sweep` handles (and logs) its own errors.
 */
export function startPeriodicSweep(sweep: () => Promise<unknown>, intervalMs: number): PeriodicSweep {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= sweep()
      .then(() => undefined)
      .finally(() => (running = undefined));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
