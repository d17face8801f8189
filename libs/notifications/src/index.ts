export * from './mail-driver';
export * from './mail-templates';
export * from './mail.module';
export * from './smtp-mail.driver';
export * from './templates/diagnostic.template';
