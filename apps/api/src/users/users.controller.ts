import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { CreatedUserResponse, CreateUserRequest, PasswordResetResponse, UpdateUserRequest, UserIdParam, UserResponse } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @ApiOperation({ summary: 'List users' })
  @Get()
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: [UserResponse] })
  list(): Promise<UserResponse[]> {
    return this.service.list();
  }

  /** The answer holds a one-time password, once; the person must replace it at first login. */
  @ApiOperation({ summary: 'Create a user' })
  @Post()
  @Access(ACCESS.administer)
  @ApiCreatedResponse({ type: CreatedUserResponse })
  create(@Body() request: CreateUserRequest, @Caller() caller: Principal): Promise<CreatedUserResponse> {
    return this.service.create(request, actorOf(caller));
  }

  @ApiOperation({ summary: 'Change a user\'s role, teams or state' })
  @Patch(':id')
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: UserResponse })
  update(@Param() { id }: UserIdParam, @Body() request: UpdateUserRequest, @Caller() caller: Principal): Promise<UserResponse> {
    return this.service.update(id, request, actorOf(caller));
  }

  @ApiOperation({ summary: 'Reset a user\'s password' })
  @Post(':id/password-reset')
  @HttpCode(200)
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: PasswordResetResponse })
  resetPassword(@Param() { id }: UserIdParam, @Caller() caller: Principal): Promise<PasswordResetResponse> {
    return this.service.resetPassword(id, actorOf(caller));
  }
}
