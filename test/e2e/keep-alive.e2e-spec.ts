import * as http from 'node:http';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServerProcess } from '../support/server-process';
import { listenLocally, startTestApp, type TestApp } from '../support/test-app';

interface Answer {
  status: number;
  keepAlive: string | undefined;
  reusedSocket: boolean;
}

/** A GET through `agent`, saying whether it went over a connection kept from an earlier request. */
function get(url: string, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, keepAlive: response.headers['keep-alive'] as string | undefined, reusedSocket: request.reusedSocket }));
    });
    request.on('error', reject);
  });
}

const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A client or load balancer that reuses an idle connection must find it open: the server keeps idle
 * connections for ESCAPEMENT_KEEP_ALIVE_TIMEOUT (65 s by default, longer than common balancers' 60 s),
 * not Node's 5 s, after which a reused connection was closed under the next request.
 */
describe('kept-alive connections', () => {
  let sut: TestApp | null = null;
  let agent: http.Agent;
  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(async () => {
    agent.destroy();
    await sut?.close();
    sut = null;
  });

  it('answers a request sent after an idle gap longer than Node’s default over the same connection', async () => {
    sut = await startTestApp();
    const url = await listenLocally(sut);
    const first = await get(`${url}/api/health`, agent);
    expect(first).toMatchObject({ status: 200, keepAlive: 'timeout=65', reusedSocket: false });
    await idle(6_500);
    const second = await get(`${url}/api/health`, agent);
    expect(second).toEqual({ status: 200, keepAlive: 'timeout=65', reusedSocket: true });
  });

  it('closes idle connections after the configured time, and tells clients so', async () => {
    sut = await startTestApp({ http: { keepAliveTimeoutMs: 1_000, headersTimeoutMs: 2_000 } });
    const url = await listenLocally(sut);
    expect(await get(`${url}/api/health`, agent)).toMatchObject({ status: 200, keepAlive: 'timeout=1' });
    await idle(3_000);
    // The server closed it; the client notices and opens a new one rather than failing.
    expect(await get(`${url}/api/health`, agent)).toMatchObject({ status: 200, reusedSocket: false });
  });
});

describe('kept-alive connections of the server as started', () => {
  const dataDirs: string[] = [];
  afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('reads ESCAPEMENT_KEEP_ALIVE_TIMEOUT and ESCAPEMENT_HEADERS_TIMEOUT, and refuses to start with a headers timeout not above it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-keep-alive-'));
    dataDirs.push(dataDir);
    const bad = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_KEEP_ALIVE_TIMEOUT: '90s' }).catch((error: Error) => error.message);
    expect(bad).toMatch(/server exited with 1/);
    expect(bad).toMatch(/cannot start: ESCAPEMENT_HEADERS_TIMEOUT \(66 s\) must be longer than ESCAPEMENT_KEEP_ALIVE_TIMEOUT \(90 s\)/);

    const server = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0', ESCAPEMENT_KEEP_ALIVE_TIMEOUT: '90s', ESCAPEMENT_HEADERS_TIMEOUT: '95s' });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      expect(await get(`${server.url}/api/health`, agent)).toMatchObject({ status: 200, keepAlive: 'timeout=90' });
      agent.destroy();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
