import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { aFinding } from '../support/findings-fixture';
import { createTokenWithCli } from '../support/cli';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { startStreamingPair, type StreamingPair } from '../support/streaming-replica';

/**
 * DATABASE_READ_URL against a real streaming replica built on this machine: the dashboard's reads and the
 * exports are served by the replica, an import's status right after its upload by the primary, and a replica that falls behind
 * by more than ESCAPEMENT_READ_MAX_LAG stops serving until it catches up.
 */
// The pair is a primary and a replica of its own (initdb'd here), whatever database the suite runs on: the
// spec runs once, in the embedded pass.
const describeOnce = process.env.ESCAPEMENT_TEST_DB === 'postgres' ? describe.skip : describe;

describeOnce('read replica', () => {
  let pair: StreamingPair;
  let patient: ServerProcess; // reads from the replica however far behind (1 h)
  let strict: ServerProcess; // reads from the primary once the replica is more than 1 s behind
  let authorization: string;

  const get = async (server: ServerProcess, route: string) => {
    const response = await fetch(`${server.url}${route}`, { headers: { authorization } });
    return { status: response.status, body: await response.json() };
  };
  const onReplica = async (sql: string) => {
    const client = new Client({ connectionString: pair.replica.url('escapement') });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const eventually = async (what: string, condition: () => Promise<boolean>) => {
    const deadline = Date.now() + 90_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const fingerprints = async (server: ServerProcess) => (await get(server, '/api/v1/findings?limit=200')).body.items.map((f: { fingerprint: string }) => f.fingerprint);
  /** The fingerprints of a findings export: the CSV streamed from a server-side cursor. */
  const exported = async (server: ServerProcess) => {
    const response = await fetch(`${server.url}/api/v1/exports/findings?format=csv`, { headers: { authorization } });
    expect(response.status).toBe(200);
    const [header, ...rows] = parse(await response.text(), { bom: true }) as string[][];
    return rows.map((row) => row[header.indexOf('fingerprint')]);
  };

  beforeAll(async () => {
    pair = await startStreamingPair('escapement');
    const env = (maxLag: string) => ({
      DATABASE_URL: pair.primary.url('escapement'),
      DATABASE_READ_URL: pair.replica.url('escapement'),
      ESCAPEMENT_READ_MAX_LAG: maxLag,
      ESCAPEMENT_DEMO: '0',
    });
    patient = await startServerProcess(env('1h'));
    strict = await startServerProcess(env('1s'));
    authorization = `Bearer ${createTokenWithCli({ databaseUrl: pair.primary.url('escapement') }, 'admin')}`;
  }, 240_000);

  afterAll(async () => {
    for (const server of [patient, strict]) {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await pair?.close();
  });

  it('serves the dashboard reads from the replica once it has caught up, and says so in /health', async () => {
    await eventually('the replica serves', async () => (await get(patient, '/api/health')).body.readReplica?.serving === true);
    const health = (await get(patient, '/api/health')).body;
    expect(health.readReplica).toMatchObject({ status: 'up', inRecovery: true, serving: true });
    expect(health.database.status).toBe('up');
    // The replica's own view: the read pool's connections are open on it.
    const sessions = await onReplica(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'escapement-read'`);
    expect(sessions[0].n).toBeGreaterThan(0);
    expect((await get(patient, '/api/v1/metrics/escape-rate?groupBy=class&bucket=month')).status).toBe(200);
  });

  it('answers an import status from the primary right after the upload, while the lagging replica still serves the list', async () => {
    await eventually('the strict server reads from the replica', async () => (await get(strict, '/api/health')).body.readReplica?.serving === true);
    await onReplica(`SELECT pg_wal_replay_pause()`);
    await eventually('replay is paused', async () => (await onReplica(`SELECT pg_get_wal_replay_pause_state() AS s`))[0].s === 'paused');

    const upload = await fetch(`${patient.url}/api/v1/imports?format=json&service=replica-api`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify([aFinding({ service: 'replica-api', fingerprint: 'fp-while-paused' })]),
    });
    expect(upload.status).toBe(201);
    const { id } = await upload.json();

    // Read-your-own-write: the status is the primary's, although the replica has not replayed the import.
    const status = await get(patient, `/api/v1/imports/${id}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id, status: 'completed', findings: expect.objectContaining({ created: 1 }) });
    expect(await onReplica(`SELECT count(*)::int AS n FROM imports WHERE id = '${id}'`)).toEqual([{ n: 0 }]);

    // The dashboard's list comes from the paused replica: the new finding is not there yet.
    expect(await fingerprints(patient)).not.toContain('fp-while-paused');
    // So does an export: the finding is on the primary only.
    expect(await exported(patient)).not.toContain('fp-while-paused');
    expect(await onReplica(`SELECT count(*)::int AS n FROM findings WHERE fingerprint = 'fp-while-paused'`)).toEqual([{ n: 0 }]);

    // Past its allowed lag, the strict server stops reading from the replica and shows the primary's data.
    await eventually('the strict server falls back to the primary', async () => (await get(strict, '/api/health')).body.readReplica?.serving === false);
    const behind = (await get(strict, '/api/health')).body.readReplica;
    expect(behind.lagMs).toBeGreaterThan(1_000);
    expect(await fingerprints(strict)).toContain('fp-while-paused');
    expect(await exported(strict)).toContain('fp-while-paused');
    // The report's figures too: the paused replica's quarter lacks the finding the primary's has.
    const findingsIn = async (server: ServerProcess) => (await get(server, '/api/v1/reports/team?quarter=2026-Q1')).body.headline.all.current.findings;
    expect(await findingsIn(strict)).toBe((await findingsIn(patient)) + 1);

    // Replay resumes: the replica catches up, serves the new finding, and the strict server returns to it.
    await onReplica(`SELECT pg_wal_replay_resume()`);
    await eventually('the replica shows the finding', async () => (await fingerprints(patient)).includes('fp-while-paused'));
    expect(await exported(patient)).toContain('fp-while-paused');
    await eventually('the strict server reads from the replica again', async () => (await get(strict, '/api/health')).body.readReplica?.serving === true);
    expect((await get(strict, '/api/health')).body.readReplica).toMatchObject({ lagMs: 0, inRecovery: true });
  });
});
