import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** One job queue per process, shared by the features that hand work to the background. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
