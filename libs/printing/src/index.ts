export * from './pdf-printer';
export * from './printing.module';
