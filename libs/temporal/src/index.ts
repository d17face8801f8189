export * from './connection-options';
export * from './temporal.module';
export * from './schedules';
