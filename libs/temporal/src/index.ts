export * from './connection-options';
export * from './temporal.module';
