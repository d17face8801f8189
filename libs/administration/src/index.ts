export * from './administration.module';
export * from './dto/user.dto';
export * from './transfer/export-units.use-case';
export * from './transfer/export-users.use-case';
export * from './transfer/import-units.use-case';
export * from './transfer/import-users.use-case';
export * from './transfer/transfer-shared';
export * from './users-admin.service';
