import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTokenWithCli } from '../support/cli';
import { aFinding } from '../support/findings-fixture';
import { isAlive, postmasterPid, startServerProcess, waitFor } from '../support/server-process';

const getJson = async (url: string, token: string): Promise<any> => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json();

/** The zero-setup path: `npm start` on the embedded database, as a separate process, killed every way. */
const describeEmbedded = process.env.ESCAPEMENT_TEST_DB === 'postgres' ? describe.skip : describe;

describeEmbedded('the server on its embedded database', () => {
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-life-'));
    dataDirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dataDirs) {
      const pid = postmasterPid(dir);
      if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds the demo on first start only, protected like any data, and stops PostgreSQL with itself on SIGTERM', async () => {
    const dataDir = newDataDir();
    const first = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir });
    // The first start creates the administrator and prints a one-time password, once.
    expect(first.output()).toMatch(/first administrator created: admin@localhost, one-time password: \S{24}\n/);
    expect((await fetch(`${first.url}/api/v1/teams`)).status).toBe(401);
    const token = createTokenWithCli({ dataDir }, 'read');
    const rates = await getJson(`${first.url}/api/v1/metrics/escape-rate?groupBy=class`, token);
    expect(rates.series.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['design', 'pattern']));
    const seeded = (await getJson(`${first.url}/api/v1/teams`, token)).length;
    expect(seeded).toBeGreaterThanOrEqual(3);
    const pgPid = postmasterPid(dataDir)!;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await waitFor(() => !isAlive(pgPid), 10_000)).toBe(true);

    const second = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir });
    expect((await getJson(`${second.url}/api/v1/teams`, token)).length).toBe(seeded);
    expect(second.output()).not.toContain('demo organisation loaded');
    expect(second.output()).not.toContain('one-time password');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('starts again cleanly after being killed hard, with committed data intact and no process left behind', async () => {
    const dataDir = newDataDir();
    const first = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0' });
    const token = createTokenWithCli({ dataDir }, 'findings:write,read');
    const posted = await fetch(`${first.url}/api/v1/findings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([aFinding({ fingerprint: 'survives-kill' })]),
    });
    expect(posted.status).toBe(200);
    const pgPid = postmasterPid(dataDir)!;
    first.child.kill('SIGKILL');
    await first.exited;
    // The watchdog stops the orphaned PostgreSQL within a second or so.
    expect(await waitFor(() => !isAlive(pgPid), 10_000)).toBe(true);

    const second = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0' });
    const page = await getJson(`${second.url}/api/v1/findings`, token);
    expect(page.items.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(['survives-kill']);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('recovers when a PostgreSQL left running by a killed server is still there', async () => {
    const dataDir = newDataDir();
    const first = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0' });
    const pgPid = postmasterPid(dataDir)!;
    // Stop the watchdog first (it is the only other node process watching this PostgreSQL), then the server.
    first.child.kill('SIGSTOP');
    const watchdogs = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(String(pgPid)) && Number(p) !== pgPid;
        } catch {
          return false;
        }
      });
    for (const pid of watchdogs) process.kill(Number(pid), 'SIGKILL');
    first.child.kill('SIGKILL');
    await first.exited;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(isAlive(pgPid)).toBe(true);

    const second = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0' });
    expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
    expect(isAlive(pgPid)).toBe(false);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
