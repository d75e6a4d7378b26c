import { createApp, DemoSeeder, loadAppConfig, migrate, openDatabaseTarget } from '@escapement/api';
import { integerOption, type ParsedArgs } from '../args';

/**
 * `escapement demo [--findings N] [--seed S] [--months M]`: adds a generated organisation to the
 * configured database (also a DATABASE_URL one: running this command is the explicit request).
 */
export async function demoCommand(args: ParsedArgs): Promise<void> {
  const findings = integerOption(args, 'findings', 6_000, 1);
  const seed = integerOption(args, 'seed', 42);
  const months = integerOption(args, 'months', 18, 1);
  const config = loadAppConfig(process.env, { logLevel: 'error', webDist: null, demo: false });
  const target = await openDatabaseTarget(config);
  try {
    await migrate(target.options);
    const app = await createApp(config, target);
    try {
      const started = Date.now();
      let reported = 0;
      const count = await app.get(DemoSeeder).seed({ findings, seed, months }, (done) => {
        if (done - reported >= 50_000) {
          reported = done;
          process.stdout.write(`  ${done.toLocaleString('en')} findings…\n`);
        }
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(`demo organisation: ${count.toLocaleString('en')} findings in ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString('en')}/s)`);
    } finally {
      await app.close();
    }
  } finally {
    await target.embedded?.stop();
  }
}
