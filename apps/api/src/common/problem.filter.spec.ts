import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.repository';
import { DomainError } from './domain-error';
import { ProblemFilter } from './problem.filter';

/** Just enough of express's response to see what the filter answers. */
function fakeResponse() {
  const sent: { status?: number; type?: string; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  return { response: response as unknown as Response, sent };
}

describe(ProblemFilter.name, () => {
  const request = { method: 'POST', originalUrl: '/api/v1/auth/login?x=1' } as Request;
  const sut = new ProblemFilter({ manager: {} } as DataSource, { record: async () => undefined } as unknown as AuditLog);

  it('tells a pool that had no free connection (a busy server) from a database that is down', async () => {
    const busy = fakeResponse();
    await sut.respond(new Error('timeout exceeded when trying to connect'), request, busy.response);
    expect(busy.sent).toMatchObject({ status: 503, type: 'application/problem+json', headers: { 'retry-after': '1' }, body: { type: 'urn:escapement:problem:busy' } });
    expect(busy.sent.body).not.toHaveProperty('retryAfterSeconds');

    const down = fakeResponse();
    await sut.respond(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), request, down.response);
    expect(down.sent).toMatchObject({ status: 503, body: { type: 'urn:escapement:problem:database_unavailable', instance: '/api/v1/auth/login' } });
  });

  it('sends Retry-After for a domain error that carries one', async () => {
    const limited = fakeResponse();
    await sut.respond(new DomainError('rate_limited', 'Too many', [], 7), request, limited.response);
    expect(limited.sent).toMatchObject({ status: 429, headers: { 'retry-after': '7' }, body: { type: 'urn:escapement:problem:rate_limited', detail: 'Too many' } });
  });
});
