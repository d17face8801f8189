import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK's own logs (worker state changes) only for errors (activity retries are expected in tests).
Runtime.install({ logger: new DefaultLogger('ERROR') });
