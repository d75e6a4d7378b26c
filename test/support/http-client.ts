import request from 'supertest';
import type { App } from 'supertest/types';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/** supertest with headers added to every request: how a spec acts as one caller. */
export type HttpClient = Record<Method, (url: string) => request.Test>;

export function httpClient(server: App, headers: () => Record<string, string>): HttpClient {
  const make = (method: Method) => (url: string) => request(server)[method](url).set(headers());
  return { get: make('get'), post: make('post'), put: make('put'), patch: make('patch'), delete: make('delete'), head: make('head'), options: make('options') };
}
