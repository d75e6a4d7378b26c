import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Server } from 'node:http';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { describeApi } from './common/api-description';
import { corsOptions } from './common/cors';
import { csvBody, jsonBody } from './common/json-body';
import { earlyErrors, ProblemFilter } from './common/problem.filter';
import { securityHeaders } from './common/security-headers';
import type { AppConfig } from './config/app-config';
import type { DatabaseTarget } from './database/data-source';
import { bindRequestLogger, createHttpLogger, createLogger, type Logger } from './logging/logger';
import { HttpLatency } from './operations-metrics/http-latency';

export interface CreateAppOptions {
  /** The process's logger, when the caller logged before the app existed (start-up); made from the configuration otherwise. */
  logger?: Logger;
  /** Where log lines go instead of standard output (tests read them from here). */
  logDestination?: DestinationStream;
}

/** The application as production runs it; tests call this too, then talk to it over HTTP. */
export async function createApp(config: AppConfig, database: DatabaseTarget, options: CreateAppOptions = {}): Promise<INestApplication> {
  const logger = options.logger ?? createLogger(config, options.logDestination);
  // Nest's own messages wait until its logger is replaced by the pino one below, so that none escape as plain text.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database, logger), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  server.headersTimeout = config.http.headersTimeoutMs;
  // MCP clients are given a server URL; the MCP endpoint sits beside the API rather than under it.
  app.setGlobalPrefix('api', { exclude: ['mcp'] });
  // One reverse proxy in front may say who the client is and whether it used HTTPS; nobody else may.
  app.set('trust proxy', config.security.trustProxy ? 1 : false);
  // First of all middleware: every request, even one refused by the body parser or answered with a static file, gets its id and its line.
  app.use(createHttpLogger(logger));
  app.use(bindRequestLogger());
  app.use(app.get(HttpLatency).middleware());
  app.use(securityHeaders());
  const cors = corsOptions(config.security.corsOrigins);
  if (cors) app.enableCors(cors);
  app.use(cookieParser());
  // Uploads stream their body to their own handler, whatever its content type.
  app.use(jsonBody(config.maxBodyBytes, ['/api/v1/imports', '/api/v1/threat-models']));
  // Changes exported from a ticket system arrive as CSV; only this route reads text bodies.
  app.use('/api/v1/changes/bulk', csvBody(config.maxBodyBytes));
  app.use(earlyErrors(() => app.get(ProblemFilter)));
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  const document = describeApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/json' });
  await app.init();
  return app;
}
