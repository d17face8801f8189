export * from './mail-sink';
export * from './paths';
export * from './postgres-process';
export * from './processes';
export * from './temporal-cli';
export * from './temporal-postgres';
export * from './temporal-server';
export * from './workflow-bundle';
