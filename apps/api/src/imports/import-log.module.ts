import { Module } from '@nestjs/common';
import { ImportLogRepository } from './import-log.repository';

/**
 * The record of every upload, on its own so that the findings module (whose posted batches are logged
 * as imports too) and the imports module (which stores through the findings module) need not import each other.
 */
@Module({ providers: [ImportLogRepository], exports: [ImportLogRepository] })
export class ImportLogModule {}
