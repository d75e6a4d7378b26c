import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { describeApi } from './common/api-description';
import { corsOptions } from './common/cors';
import { csvBody, jsonBody } from './common/json-body';
import { earlyErrors, ProblemFilter } from './common/problem.filter';
import { securityHeaders } from './common/security-headers';
import type { AppConfig } from './config/app-config';
import type { DatabaseTarget } from './database/data-source';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[] | false> = {
  silent: false,
  error: ['error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
};

/** The application as production runs it; tests call this too, then talk to it over HTTP. */
export async function createApp(config: AppConfig, database: DatabaseTarget): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
    logger: LOG_LEVELS[config.logLevel],
    bodyParser: false,
  });
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  server.headersTimeout = config.http.headersTimeoutMs;
  // MCP clients are given a server URL; the MCP endpoint sits beside the API rather than under it.
  app.setGlobalPrefix('api', { exclude: ['mcp'] });
  // One reverse proxy in front may say who the client is and whether it used HTTPS; nobody else may.
  app.set('trust proxy', config.security.trustProxy ? 1 : false);
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
