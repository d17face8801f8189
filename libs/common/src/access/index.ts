export * from './actor';
export * from './role';
export * from './scope';
