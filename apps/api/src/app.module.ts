import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import * as fs from 'node:fs';
import { AdoptionsModule } from './adoptions/adoptions.module';
import { AuditModule } from './audit/audit.module';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { RateLimitGuard } from './auth/rate-limit.guard';
import { throttlers } from './auth/rate-limit';
import { RateLimitRepository } from './auth/rate-limit.repository';
import { ChangesModule } from './changes/changes.module';
import { ClassificationModule } from './classification/classification.module';
import { ContextModule } from './context-packs/context.module';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import type { DatabaseTarget } from './database/data-source';
import { DatabaseInfo } from './database/database-info';
import { ReadDatabase } from './database/read-database.repository';
import { DemoModule } from './demo/demo.module';
import { ExportsModule } from './exports/exports.module';
import { FindingsModule } from './findings/findings.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { JobsModule } from './jobs/jobs.module';
import type { Logger } from './logging/logger';
import { McpModule } from './mcp/mcp.module';
import { MetricsModule } from './metrics/metrics.module';
import { OperationsMetricsModule } from './operations-metrics/operations-metrics.module';
import { ReportsModule } from './reports/reports.module';
import { ReportSchedulesModule } from './report-schedules/report-schedules.module';
import { ServicesModule } from './services/services.module';
import { TeamsModule } from './teams/teams.module';
import { ThreatModelsModule } from './threat-models/threat-models.module';
import { TokensModule } from './tokens/tokens.module';
import { UsersModule } from './users/users.module';

/**
 * Global pipes, filters, guards and configuration are providers here, so tests build exactly the
 * production app. Guards run in order: who is calling and may they (access), then how often (rate limits).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget, logger: Logger): DynamicModule {
    const dashboard = config.webDist && fs.existsSync(config.webDist)
      ? [ServeStaticModule.forRoot({ rootPath: config.webDist, exclude: ['/api/{*path}', '/mcp'] })]
      : [];
    return {
      module: AppModule,
      global: true,
      imports: [
        // Nest's `Logger` writes through pino. The request logger and its binding are express middleware
        // (create-app.ts), so no route middleware here: it would add a catch-all route per HTTP method.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
        TypeOrmModule.forRoot({ ...database.options, retryAttempts: 2, retryDelay: 1_000 }),
        // Counted in PostgreSQL, so that several instances share each allowance.
        ThrottlerModule.forRootAsync({
          inject: [RateLimitRepository],
          useFactory: (storage: RateLimitRepository) => ({ throttlers: throttlers(config.security.rateLimits), setHeaders: false, storage }),
        }),
        JobsModule,
        AuthModule,
        UsersModule,
        TokensModule,
        AuditModule,
        HealthModule,
        OperationsMetricsModule,
        TeamsModule,
        ServicesModule,
        AdoptionsModule,
        FindingsModule,
        ImportsModule,
        ThreatModelsModule,
        ClassificationModule,
        MetricsModule,
        ContextModule,
        ChangesModule,
        ExportsModule,
        ReportsModule,
        ReportSchedulesModule,
        McpModule,
        DemoModule,
        ...dashboard,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DatabaseInfo, useValue: new DatabaseInfo(database.kind) },
        ReadDatabase,
        RateLimitRepository,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        ProblemFilter,
        { provide: APP_FILTER, useExisting: ProblemFilter },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [APP_CONFIG, DatabaseInfo, ReadDatabase, RateLimitRepository],
    };
  }
}
