import { ApiError, apiGet, apiSend, buildApiUrl, onApiError, setCsrfToken } from './api-client';

describe(buildApiUrl.name, () => {
  it('prefixes the API version and leaves out empty parameters', () => {
    expect(buildApiUrl('/metrics/escape-rate', { boundary: 'ci', team: null, service: undefined, from: '' })).toBe('/api/v1/metrics/escape-rate?boundary=ci');
    expect(buildApiUrl('/teams')).toBe('/api/v1/teams');
  });
});

describe(apiGet.name, () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function answer(response: Response | Error): jest.Mock {
    const mock = jest.fn(() => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response)));
    globalThis.fetch = mock as unknown as typeof fetch;
    return mock;
  }

  it('returns the parsed body', async () => {
    const mock = answer(new Response(JSON.stringify([{ id: 't1' }]), { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(apiGet('/teams', { limit: 5 })).resolves.toEqual([{ id: 't1' }]);
    expect(mock).toHaveBeenCalledWith('/api/v1/teams?limit=5', expect.objectContaining({ headers: { Accept: 'application/json' } }));
  });

  it('throws the problem detail as a typed error', async () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'team must be a UUID' };
    answer(new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json' } }));
    const sut = await apiGet('/metrics/escape-rate').catch((error: unknown) => error);
    expect(sut).toBeInstanceOf(ApiError);
    expect(sut).toMatchObject({ status: 400, message: 'team must be a UUID', title: 'Bad Request', isClientError: true });
  });

  it('still reports the status when the error body is not JSON', async () => {
    answer(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }));
    const sut = await apiGet('/teams').catch((error: unknown) => error);
    expect(sut).toMatchObject({ status: 502, title: 'Bad Gateway', isClientError: false });
  });

  it('reports an unreachable server as status 0', async () => {
    answer(new TypeError('fetch failed'));
    const sut = await apiGet('/teams').catch((error: unknown) => error);
    expect(sut).toMatchObject({ status: 0, title: 'Network error' });
  });
});

describe(apiSend.name, () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function answer(response: Response): jest.Mock {
    const mock = jest.fn(() => Promise.resolve(response));
    globalThis.fetch = mock as unknown as typeof fetch;
    return mock;
  }

  it('sends a JSON body and resolves with nothing on 204', async () => {
    const mock = answer(new Response(null, { status: 204 }));
    await expect(apiSend('PUT', '/findings/f1/classification', { findingClass: 'design', reason: 'why' })).resolves.toBeUndefined();
    expect(mock).toHaveBeenCalledWith(
      '/api/v1/findings/f1/classification',
      expect.objectContaining({
        method: 'PUT',
        body: '{"findingClass":"design","reason":"why"}',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      }),
    );
  });

  it('sends no body nor content type when there is nothing to send', async () => {
    const mock = answer(new Response(null, { status: 204 }));
    await apiSend('DELETE', '/findings/f1/classification');
    expect(mock).toHaveBeenCalledWith(
      '/api/v1/findings/f1/classification',
      expect.objectContaining({ method: 'DELETE', body: undefined, headers: { Accept: 'application/json' } }),
    );
  });

  it('keeps the field errors of a validation problem', async () => {
    const problem = { title: 'Bad Request', status: 400, detail: 'Invalid request', errors: [{ pointer: '/reason', message: '/reason must not be blank' }] };
    answer(new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json' } }));
    const sut = await apiSend('PUT', '/findings/f1/classification', {}).catch((error: unknown) => error);
    expect(sut).toBeInstanceOf(ApiError);
    expect((sut as ApiError).problem.errors).toEqual([{ pointer: '/reason', message: '/reason must not be blank' }]);
  });
});

describe(setCsrfToken.name, () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    setCsrfToken(null);
    onApiError(null);
  });

  it("sends the session's token on changes, never on reads", async () => {
    const mock = jest.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    globalThis.fetch = mock as unknown as typeof fetch;
    setCsrfToken('csrf-1');
    await apiSend('POST', '/auth/logout');
    expect(mock).toHaveBeenLastCalledWith(
      '/api/v1/auth/logout',
      expect.objectContaining({ headers: { Accept: 'application/json', 'X-CSRF-Token': 'csrf-1' } }),
    );
    mock.mockImplementation(() => Promise.resolve(new Response('[]', { status: 200 })));
    await apiGet('/teams');
    expect(mock).toHaveBeenLastCalledWith('/api/v1/teams', expect.objectContaining({ headers: { Accept: 'application/json' } }));
  });

  it('tells the listener about every failed call, with the problem code', async () => {
    const problem = { type: 'urn:escapement:problem:password_change_required', status: 403, detail: 'Choose a new password first' };
    globalThis.fetch = jest.fn(() =>
      Promise.resolve(new Response(JSON.stringify(problem), { status: 403, headers: { 'content-type': 'application/problem+json' } })),
    ) as unknown as typeof fetch;
    const listener = jest.fn();
    onApiError(listener);
    await apiGet('/teams').catch(() => undefined);
    expect(listener).toHaveBeenCalledWith(expect.objectContaining({ status: 403, problemCode: 'password_change_required' }));
  });
});
