import { Logger } from '@nestjs/common';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

/** Sends the Temporal SDK's own logs (worker state, core) through the application's JSON logger. */
export function installTemporalRuntimeLogger(): void {
  const logger = new Logger('Temporal');
  const forward = (entry: LogEntry): void => {
    const meta = { ...entry.meta };
    switch (entry.level) {
      case 'ERROR':
        return logger.error(meta, entry.message);
      case 'WARN':
        return logger.warn(meta, entry.message);
      case 'INFO':
        return logger.log(meta, entry.message);
      default:
        return logger.debug(meta, entry.message);
    }
  };
  Runtime.install({ logger: new DefaultLogger('INFO', forward) });
}
