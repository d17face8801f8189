/** Prints why a process could not start, without a stack trace for configuration errors, and exits 1. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof Error && error.name === 'ConfigValidationError') {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`dondoc could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
