import type { INestApplication } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';

export class ProblemDetailResponse {
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'JSON pointer into the body' }) pointer?: string;
  @ApiPropertyOptional({ description: 'The query or path parameter' }) parameter?: string;
  @ApiPropertyOptional({ description: '1-based, in the uploaded file' }) line?: number;
  @ApiPropertyOptional({ description: '1-based, in the uploaded file' }) column?: number;
}

/** RFC 9457 problem details, as every error is answered. */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:escapement:problem:validation_failed' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty({ description: 'What was wrong, in words a person can act on' }) detail!: string;
  @ApiProperty({ description: 'The request path' }) instance!: string;
  @ApiPropertyOptional({ type: [ProblemDetailResponse], description: 'Each problem of the input, with where it is' }) errors?: ProblemDetailResponse[];
  @ApiPropertyOptional({ description: 'Of a 500, to quote when reporting it' }) correlationId?: string;
}

/**
 * The OpenAPI description served at /api/docs. Every operation may answer a client error as a problem
 * (authentication, permissions, validation and rate limits apply to all of them), so each gets a `4XX`
 * response beside the ones its handler declares.
 */
export function describeApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Escapement API')
      .setDescription('Security findings, threat models and escape rates. Errors are application/problem+json.')
      .setVersion('1')
      .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
      .addServer('/', 'The server this description was read from')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token: esc_<prefix>_<secret>' }, 'token')
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', description: 'Set by POST /api/v1/auth/login; changes also need the X-CSRF-Token header' }, 'session')
      // Every operation may be called with a token ("Authorize" in the docs page) or from a signed-in
      // browser session; public ones ignore both.
      .addSecurityRequirements('token')
      .addSecurityRequirements('session')
      .build(),
    { extraModels: [ProblemResponse] },
  );
  const problem = {
    description: 'A problem (application/problem+json): what was wrong and, for input, where',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } } },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (operation !== undefined) operation.responses = { ...operation.responses, '4XX': problem };
    }
  }
  return document;
}
