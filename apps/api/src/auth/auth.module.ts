import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TokensModule } from '../tokens/tokens.module';
import { UserRepository } from '../users/user.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { PasswordQueue } from './password-queue';
import { SessionRepository } from './session.repository';
import { AuditModule } from '../audit/audit.module';

@Module({
  imports: [TokensModule, AuditModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    Authenticator,
    SessionRepository,
    UserRepository,
    { provide: PasswordQueue, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new PasswordQueue(config.security.passwordHashing) },
  ],
  exports: [Authenticator, SessionRepository, UserRepository],
})
export class AuthModule {}
