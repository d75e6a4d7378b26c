import { ConfigError } from './config/app-config';
import { startServer } from './start-server';

/** `npm start`: the API and the dashboard on one port, stopped cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const server = await startServer();
  server.logger.info(`dashboard and API on ${server.url} (API docs: ${server.url}/api/docs)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        server.logger.error(`error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error(`[escapement] cannot start: ${error instanceof ConfigError ? error.message : (error as Error).stack ?? error}`);
  process.exit(1);
});
