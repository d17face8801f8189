export * from './access-token';
export * from './auth.module';
export * from './auth.service';
export * from './decorators';
export * from './dto/auth.dto';
export * from './jwt-auth.guard';
export * from './password-tokens.service';
export * from './session.entity';
