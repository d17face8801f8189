export * from './reasons';
export * from './safe-http';
export * from './verifiers';
