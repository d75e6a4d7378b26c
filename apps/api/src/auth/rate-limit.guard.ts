import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '../common/domain-error';

/**
 * @nestjs/throttler's guard, answering like every other error: a problem document, with a plain
 * Retry-After header (the library would name it after the throttler).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    throw new DomainError('rate_limited', `Too many requests; retry in ${seconds} s`, [], seconds);
  }
}
