export * from './auth.module';
export * from './auth.service';
export * from './decorators';
export * from './dto/login.dto';
export * from './jwt-auth.guard';
