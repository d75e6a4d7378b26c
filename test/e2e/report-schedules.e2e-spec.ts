import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { rateWithCounts, REPORT_MAX_ATTEMPTS, type ReportRunDto, type ReportScheduleDto, type TeamReportDto } from '@escapement/domain';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder';
import { JobQueue } from '../../apps/api/src/jobs/job-queue';
import { ReportSchedulesService } from '../../apps/api/src/report-schedules/report-schedules.service';
import { REPORT_SCHEDULE_CRON, REPORT_SCHEDULE_QUEUE } from '../../apps/api/src/report-schedules/report-schedule-worker';
import { binaryBody } from '../support/binary-body';
import { pdfText } from '../support/pdf-text';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

interface Received {
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on a free local port that keeps every message it is given and every recipient it was
 * offered. It refuses mailboxes named refused…@, and flaky@ as many times as `flaky.refusals` says.
 */
async function startSmtpServer(): Promise<{ url: string; received: Received[]; offered: string[]; flaky: { refusals: number }; close: () => Promise<void> }> {
  const received: Received[] = [];
  const offered: string[] = [];
  const flaky = { refusals: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      offered.push(address.address);
      const refused = address.address.startsWith('refused') || (address.address.startsWith('flaky@') && flaky.refusals-- > 0);
      callback(refused ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail }))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received, offered, flaky, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Scheduled delivery: an administrator schedules a report, each run is archived once per period and
 * mailed through a real SMTP server as a PDF attachment; the hourly tick on the job queue does the same.
 */
describe('report schedules', () => {
  let sut: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let payments: { id: string };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sut = await startTestApp({ smtp: { url: smtp.url, from: 'Escapement reports <reports@escapement.test>' } });
    await resetDatabase(sut);
    await sut.app.get(DemoSeeder).seed({ seed: 11, findings: 1_000 });
    [payments] = await sut.sql<{ id: string }>(`SELECT id FROM teams WHERE name = 'Payments'`);
    // The hourly tick must not add runs while other tests count them; the tick's own test lets it work.
    await sut.app.get(JobQueue).pause(REPORT_SCHEDULE_QUEUE);
  }, 300_000);
  afterAll(async () => {
    await sut.close();
    await smtp.close();
  });

  it('mails a team’s quarterly report as a PDF, archives it, and produces a period once', async () => {
    const schedule = (await sut.http().post('/api/v1/report-schedules').send({ teamId: payments.id, cadence: 'quarterly', recipients: ['Lead@Example.com', 'cto@example.com'] }).expect(201)).body as ReportScheduleDto;
    expect(schedule).toMatchObject({ teamId: payments.id, teamName: 'Payments', cadence: 'quarterly', recipients: ['lead@example.com', 'cto@example.com'], createdBy: 'token:e2e-admin' });
    expect((await sut.http().get('/api/v1/report-schedules').expect(200)).body).toEqual([schedule]);

    const run = (await sut.http().post(`/api/v1/report-schedules/${schedule.id}/runs`).send({ period: '2026-Q3' }).expect(200)).body as ReportRunDto;
    expect(run).toMatchObject({ scheduleId: schedule.id, period: '2026-Q3', from: '2026-07-01', to: '2026-10-01', status: 'mailed', trigger: 'manual', error: null, teamName: 'Payments' });

    const report = (await sut.http().get('/api/v1/reports/team?team=Payments&quarter=2026-Q3').expect(200)).body as TeamReportDto;
    const mails = smtp.received.filter((r) => r.mail.subject === report.title);
    expect(mails).toHaveLength(1);
    const [{ to, mail }] = mails;
    expect(to.sort()).toEqual(['cto@example.com', 'lead@example.com']);
    expect(mail.from?.value).toEqual([{ name: 'Escapement reports', address: 'reports@escapement.test' }]);
    expect(mail.text).toContain(rateWithCounts(report.headline.all.current));
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ contentType: 'application/pdf' });
    expect(attachment.filename).toMatch(/^escapement-report-2026-q3-payments-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(attachment.content.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = pdfText(attachment.content);
    expect(text).toContain(report.title);
    expect(text).toContain(rateWithCounts(report.headline.all.current));
    expect(text).toContain(rateWithCounts(report.headline.all.previous));

    const runs = (await sut.http().get(`/api/v1/report-schedules/runs?schedule=${schedule.id}`).expect(200)).body as ReportRunDto[];
    expect(runs).toEqual([{ ...run, pdfBytes: attachment.content.length }]);
    const download = await sut.http().get(`/api/v1/report-schedules/runs/${run.id}/pdf`).buffer(true).parse(binaryBody).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('escapement-report-2026-q3-payments-');
    expect((download.body as Buffer).equals(attachment.content)).toBe(true);

    // The same period again (two clicks, or two instances at once): one run, one mail.
    const again = await Promise.all([0, 1].map(() => sut.http().post(`/api/v1/report-schedules/${schedule.id}/runs`).send({ period: '2026-Q3' }).expect(200)));
    expect(again.map((r) => r.body.id)).toEqual([run.id, run.id]);
    expect(smtp.received.filter((r) => r.mail.subject === report.title)).toHaveLength(1);
    expect(await sut.sql(`SELECT id FROM report_runs WHERE schedule_id = $1 AND period = '2026-Q3'`, [schedule.id])).toHaveLength(1);

    const events = await sut.sql<{ action: string; actor: string }>(`SELECT action, actor FROM audit_events WHERE action LIKE 'report%' ORDER BY id`);
    expect(events.map((e) => `${e.action} ${e.actor}`)).toEqual([
      'report_schedule.created token:e2e-admin',
      'report.rendered token:report-schedule',
      'report_run.completed token:e2e-admin',
      'report.viewed token:e2e-admin',
      'report_run.downloaded token:e2e-admin',
    ]);
  });

  it('runs due schedules from the job queue’s tick: the last complete month, once', async () => {
    const [cron] = await sut.sql<{ cron: string; timezone: string }>(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [REPORT_SCHEDULE_QUEUE]);
    expect(cron).toEqual({ cron: REPORT_SCHEDULE_CRON, timezone: 'UTC' });
    const schedule = (await sut.http().post('/api/v1/report-schedules').send({ cadence: 'monthly', recipients: ['board@example.com'] }).expect(201)).body as ReportScheduleDto;
    expect(schedule.teamId).toBeNull();

    const queue = sut.app.get(JobQueue);
    await queue.resume(REPORT_SCHEDULE_QUEUE);
    const tick = async (now: string) => {
      const id = (await queue.send(REPORT_SCHEDULE_QUEUE, { now }))!;
      for (;;) {
        const job = await queue.getJob(REPORT_SCHEDULE_QUEUE, id);
        if (job?.state === 'completed') return;
        if (job?.state === 'failed') throw new Error(`the tick failed: ${JSON.stringify(job.output)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await tick('2026-10-03T00:05:00Z');
    await tick('2026-10-04T00:05:00Z');
    await queue.pause(REPORT_SCHEDULE_QUEUE);
    const runs = ((await sut.http().get(`/api/v1/report-schedules/runs?schedule=${schedule.id}`).expect(200)).body as ReportRunDto[]).filter((r) => r.period === '2026-09');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'mailed', from: '2026-09-01', to: '2026-10-01', title: 'Organisation — security report, 2026-09-01 to 2026-09-30' });
    const mails = smtp.received.filter((r) => r.mail.subject === runs[0].title);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['board@example.com']);
    expect(pdfText(mails[0].mail.attachments[0].content).text).toContain('2026-09-01 to 2026-09-30');

    // Deleting the schedule keeps its reports in the archive.
    await sut.http().delete(`/api/v1/report-schedules/${schedule.id}`).expect(204);
    const archived = (await sut.http().get('/api/v1/report-schedules/runs').expect(200)).body as ReportRunDto[];
    expect(archived.find((r) => r.id === runs[0].id)).toMatchObject({ scheduleId: null });
    await sut.http().get(`/api/v1/report-schedules/runs/${runs[0].id}/pdf`).expect(200);
  });

  it('keeps a report it could not mail, says why, and tries again on "run now"', async () => {
    const schedule = (await sut.http().post('/api/v1/report-schedules').send({ cadence: 'quarterly', recipients: ['refused@example.com'] }).expect(201)).body as ReportScheduleDto;
    const failed = (await sut.http().post(`/api/v1/report-schedules/${schedule.id}/runs`).send({ period: '2026-Q2' }).expect(200)).body as ReportRunDto;
    expect(failed).toMatchObject({ status: 'failed', period: '2026-Q2' });
    expect(failed.error).toMatch(/could not be mailed/);
    expect(failed.pdfBytes).toBeGreaterThan(1000);
    await sut.http().get(`/api/v1/report-schedules/runs/${failed.id}/pdf`).expect(200);

    await sut.http().patch(`/api/v1/report-schedules/${schedule.id}`).send({ recipients: ['ops@example.com'] }).expect(200);
    const retried = (await sut.http().post(`/api/v1/report-schedules/${schedule.id}/runs`).send({ period: '2026-Q2' }).expect(200)).body as ReportRunDto;
    expect(retried).toMatchObject({ status: 'mailed', recipients: ['ops@example.com'], error: null });
    expect(retried.id).not.toBe(failed.id);
    expect(smtp.received.filter((r) => r.mail.subject === retried.title).map((r) => r.to)).toEqual([['ops@example.com']]);
    // An older period is not retried by the tick: only "run now" tries it again.
    expect(failed).toMatchObject({ attempts: 1, nextAttemptAt: null });
    await sut.http().delete(`/api/v1/report-schedules/${schedule.id}`).expect(204);
  });

  /** The hourly tick's handler, driven with the tick's time (the job carries no more than that). */
  const tick = (now: string) => sut.app.get(ReportSchedulesService).runDue(new Date(now));
  const runOf = async (scheduleId: string, period: string) =>
    ((await sut.http().get(`/api/v1/report-schedules/runs?schedule=${scheduleId}`).expect(200)).body as ReportRunDto[]).filter((r) => r.period === period);

  it('tries a refused delivery again on a later tick, and mails it once', async () => {
    const schedule = (await sut.http().post('/api/v1/report-schedules').send({ cadence: 'monthly', recipients: ['flaky@example.com'] }).expect(201)).body as ReportScheduleDto;
    smtp.flaky.refusals = 1;

    await tick('2026-11-01T00:05:00Z');
    const [failed] = await runOf(schedule.id, '2026-10');
    expect(failed).toMatchObject({ status: 'failed', trigger: 'schedule', attempts: 1, nextAttemptAt: '2026-11-01T01:00:00.000Z' });
    expect(failed.error).toMatch(/could not be mailed.*mailbox unavailable/);

    await tick('2026-11-01T00:35:00Z'); // not due yet
    expect(await runOf(schedule.id, '2026-10')).toEqual([failed]);

    await tick('2026-11-01T01:05:00Z');
    const [mailed] = await runOf(schedule.id, '2026-10');
    expect(mailed).toMatchObject({ id: failed.id, status: 'mailed', attempts: 2, nextAttemptAt: null, error: null });
    await tick('2026-11-01T09:05:00Z');
    expect(await runOf(schedule.id, '2026-10')).toEqual([mailed]);

    expect(smtp.offered.filter((a) => a === 'flaky@example.com')).toHaveLength(2);
    const mails = smtp.received.filter((r) => r.mail.subject === mailed.title);
    expect(mails.map((r) => r.to)).toEqual([['flaky@example.com']]);
    expect(pdfText(mails[0].mail.attachments[0].content).text).toContain('2026-10-01 to 2026-10-31');

    const events = await sut.sql<{ action: string; actor: string; details: { status: string; attempt?: number } }>(
      `SELECT action, actor, details FROM audit_events WHERE subject_id = $1 ORDER BY id`,
      [failed.id],
    );
    expect(events.map((e) => [e.action, e.actor, e.details.status, e.details.attempt])).toEqual([
      ['report_run.completed', 'token:report-schedule', 'failed', undefined],
      ['report_run.retried', 'token:report-schedule', 'mailed', 2],
    ]);
    await sut.http().delete(`/api/v1/report-schedules/${schedule.id}`).expect(204);
  });

  it('stops trying after the limit, waiting longer each time', async () => {
    const schedule = (await sut.http().post('/api/v1/report-schedules').send({ cadence: 'monthly', recipients: ['refused-always@example.com'] }).expect(201)).body as ReportScheduleDto;
    const seen: Pick<ReportRunDto, 'attempts' | 'nextAttemptAt'>[] = [];
    // Every hour of a day: attempts at 00:05, 01:05, 03:05 and 07:05, then none.
    for (let hour = 0; hour < 24; hour++) {
      await tick(`2026-11-02T${String(hour).padStart(2, '0')}:05:00Z`);
      const [run] = await runOf(schedule.id, '2026-10');
      if (seen.at(-1)?.attempts !== run.attempts) seen.push({ attempts: run.attempts, nextAttemptAt: run.nextAttemptAt });
    }
    expect(seen).toEqual([
      { attempts: 1, nextAttemptAt: '2026-11-02T01:00:00.000Z' },
      { attempts: 2, nextAttemptAt: '2026-11-02T03:00:00.000Z' },
      { attempts: 3, nextAttemptAt: '2026-11-02T07:00:00.000Z' },
      { attempts: REPORT_MAX_ATTEMPTS, nextAttemptAt: null },
    ]);
    expect(smtp.offered.filter((a) => a === 'refused-always@example.com')).toHaveLength(REPORT_MAX_ATTEMPTS);
    const [run] = await runOf(schedule.id, '2026-10');
    expect(run).toMatchObject({ status: 'failed', attempts: REPORT_MAX_ATTEMPTS, nextAttemptAt: null });
    expect(run.error).toMatch(/could not be mailed/);
    const retries = await sut.sql(`SELECT id FROM audit_events WHERE subject_id = $1 AND action = 'report_run.retried'`, [run.id]);
    expect(retries).toHaveLength(REPORT_MAX_ATTEMPTS - 1);
    await sut.http().delete(`/api/v1/report-schedules/${schedule.id}`).expect(204);
  });

  it('changes a schedule’s recipients and cadence', async () => {
    const schedule = (await sut.http().post('/api/v1/report-schedules').send({ cadence: 'monthly', recipients: ['a@example.com'] }).expect(201)).body as ReportScheduleDto;
    const changed = (await sut.http().patch(`/api/v1/report-schedules/${schedule.id}`).send({ cadence: 'quarterly', recipients: ['b@example.com'] }).expect(200)).body as ReportScheduleDto;
    expect(changed).toMatchObject({ id: schedule.id, cadence: 'quarterly', recipients: ['b@example.com'] });
    await sut.http().delete(`/api/v1/report-schedules/${schedule.id}`).expect(204);
    await sut.http().delete(`/api/v1/report-schedules/${schedule.id}`).expect(404);
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const before = await sut.sql(`SELECT id FROM report_schedules`);
    const pointerOf = async (body: object) => (await sut.http().post('/api/v1/report-schedules').send(body).expect(400)).body.errors.map((e: { pointer: string }) => e.pointer);
    expect(await pointerOf({ cadence: 'weekly', recipients: ['a@example.com'] })).toContain('/cadence');
    expect(await pointerOf({ cadence: 'monthly', recipients: ['not an address'] })).toContain('/recipients');
    expect(await pointerOf({ cadence: 'monthly', recipients: [] })).toContain('/recipients');
    expect(await pointerOf({ cadence: 'monthly', recipients: ['a@example.com'], teamId: '00000000-0000-4000-8000-000000000000' })).toContain('/teamId');
    expect(await pointerOf({ cadence: 'monthly', recipients: ['a@example.com'], extra: 1 })).toContain('/extra');
    expect(await sut.sql(`SELECT id FROM report_schedules`)).toEqual(before);

    const schedule = (await sut.http().post('/api/v1/report-schedules').send({ cadence: 'quarterly', recipients: ['a@example.com'] }).expect(201)).body as ReportScheduleDto;
    const wrongPeriod = await sut.http().post(`/api/v1/report-schedules/${schedule.id}/runs`).send({ period: '2026-11' }).expect(400);
    expect(wrongPeriod.body.errors[0].pointer).toBe('/period');
    expect((await sut.http().post(`/api/v1/report-schedules/${schedule.id}/runs`).send({ period: 'Q3' }).expect(400)).body.errors[0].pointer).toBe('/period');
    await sut.http().post(`/api/v1/report-schedules/${schedule.id}/runs`).send({ period: '2099-Q1' }).expect(400);
    await sut.http().get('/api/v1/report-schedules/runs/00000000-0000-4000-8000-000000000000/pdf').expect(404);
  });

  it('is for administrators only', async () => {
    const manager = await sut.asUser({ role: 'security_lead' });
    await manager.http.get('/api/v1/report-schedules').expect(403);
    await manager.http.post('/api/v1/report-schedules').send({ cadence: 'monthly', recipients: ['a@example.com'] }).expect(403);
    await manager.http.get('/api/v1/report-schedules/runs').expect(403);
    const exporter = await sut.asToken({ scopes: ['export'] });
    await exporter.http.get('/api/v1/report-schedules/runs').expect(403);
  });
});
