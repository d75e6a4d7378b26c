import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { UserRepository } from '../users/user.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { SessionRepository } from './session.repository';

@Module({
  imports: [TokensModule],
  controllers: [AuthController],
  providers: [AuthService, Authenticator, SessionRepository, UserRepository],
  exports: [Authenticator, SessionRepository, UserRepository],
})
export class AuthModule {}
