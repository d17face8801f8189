import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { AppConfig } from '@dondoc/config';
import { NotificationsModule } from '@dondoc/notifications';
import { OrganisationModule } from '@dondoc/organisation';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { ForgottenPasswordService } from './forgotten-password.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PasswordTokensService } from './password-tokens.service';
import { PasswordToken, RefreshToken, Session } from './session.entity';

/** Sign-in, sessions, passwords and password links, the first administrator, and the global guard that authenticates every route not marked `@Public()`. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Session, RefreshToken, PasswordToken]),
    OrganisationModule,
    AuditModule,
    NotificationsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256', issuer: 'dondoc' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'dondoc' },
      }),
    }),
  ],
  providers: [AuthService, PasswordTokensService, ForgottenPasswordService, FirstAdminService, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [AuthService, PasswordTokensService, ForgottenPasswordService],
})
export class AuthModule {}
