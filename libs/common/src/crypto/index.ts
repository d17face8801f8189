export * from './canonical-json';
export * from './signed-token';
