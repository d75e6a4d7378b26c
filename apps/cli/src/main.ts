import { parseArgs, UsageError } from './args';
import { dbMigrateCommand } from './commands/db-migrate.command';
import { demoCommand } from './commands/demo.command';

const USAGE = `escapement — security findings and escape rates

Usage:
  escapement db migrate                       apply database migrations
  escapement demo [--findings N] [--seed S]   add a generated demo organisation

Environment:
  DATABASE_URL          PostgreSQL server to use (unset: the embedded database)
  ESCAPEMENT_DATA_DIR   embedded database folder (default ./data)
`;

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const [command, sub] = args.positional;
  if (!command || command === 'help' || args.options.has('help')) {
    console.log(USAGE);
    return;
  }
  if (command === 'db' && sub === 'migrate') return dbMigrateCommand();
  if (command === 'demo') return demoCommand(args);
  throw new UsageError(`unknown command "${args.positional.join(' ')}"`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`escapement: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`escapement: ${(error as Error).message ?? error}`);
    process.exit(1);
  },
);
