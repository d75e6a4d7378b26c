import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { aFinding } from '../support/findings-fixture';
import { isAlive, postmasterPid, startServerProcess, waitFor } from '../support/server-process';

const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

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

  it('seeds the demo on first start only, and stops PostgreSQL with itself on SIGTERM', async () => {
    const dataDir = newDataDir();
    const first = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir });
    const rates = await getJson(`${first.url}/api/v1/metrics/escape-rate?groupBy=class`);
    expect(rates.series.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['design', 'pattern']));
    const seeded = (await getJson(`${first.url}/api/v1/teams`)).length;
    expect(seeded).toBeGreaterThanOrEqual(3);
    const pgPid = postmasterPid(dataDir)!;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await waitFor(() => !isAlive(pgPid), 10_000)).toBe(true);

    const second = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir });
    expect((await getJson(`${second.url}/api/v1/teams`)).length).toBe(seeded);
    expect(second.output()).not.toContain('demo organisation loaded');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('starts again cleanly after being killed hard, with committed data intact and no process left behind', async () => {
    const dataDir = newDataDir();
    const first = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0' });
    const posted = await fetch(`${first.url}/api/v1/findings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([aFinding({ fingerprint: 'survives-kill' })]),
    });
    expect(posted.status).toBe(200);
    const pgPid = postmasterPid(dataDir)!;
    first.child.kill('SIGKILL');
    await first.exited;
    // The watchdog stops the orphaned PostgreSQL within a second or so.
    expect(await waitFor(() => !isAlive(pgPid), 10_000)).toBe(true);

    const second = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0' });
    const page = await getJson(`${second.url}/api/v1/findings`);
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
