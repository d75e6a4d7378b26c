import { parseArgs, UsageError } from './args';
import { adminCommand } from './commands/admin.command';
import { changeCommand } from './commands/change.command';
import { contextCommand, reviewCommand } from './commands/context.command';
import { dbMigrateCommand } from './commands/db-migrate.command';
import { demoCommand } from './commands/demo.command';
import { exportCommand } from './commands/export.command';
import { reportCommand } from './commands/report.command';
import { parseCommand } from './commands/parse.command';
import { uploadCommand } from './commands/upload.command';

const USAGE = `escapement — security findings and escape rates

Usage:
  escapement upload FILE... --service NAME [--stage ci] [--repo R] [--commit SHA] [--change REF] [--full-scan] [--no-blame]
                            [--format sarif|json|csv] [--detected-at ISO] [--url URL] [--token T]
                                              post scanner output (SARIF, JSON, CSV) to the server
  escapement context [--service S] [PATH...] [--component C[,C2]] [--format markdown|json]
                     [--max-chars N | --max-tokens N] [--change REF] [--repo R]
                                              the threat-model context for files, to stdout (pipe it);
                                              without --service, found from the checkout's origin remote
  escapement criteria --service S [PATH...] [--component C] ...
                                              security acceptance criteria for a ticket, as Markdown
  escapement review --service S (--diff FILE|- | PATH... | --base A --head B) [--change REF]
                    [--outcome approved|changes_requested|commented]
                                              a reviewer's checklist for a diff; records the review with --outcome
  escapement change record --service S [--ref R] [--base A --head B | --merge-commit M] [--title T]
                    [--author A] [--ticket T] [--merged-at ISO] [--threat-model-linked true|false]
                    [--acceptance-criteria ..] [--prompt-context ..] [--reviewed-against-model ..] [--ai-assisted ..]
                                              record a change (PR/MR) with its commits from git (docs/changes.md)
  escapement export findings --format csv|xlsx|json|sarif [-o FILE|-] [--team T] [--service S] [--stage S]
                    [--severity S] [--class C] [--from D] [--to D] [--escaped true|false] [--boundary S] ...
                                              download findings (every filter of the findings list; team and
                                              service by name or id); the file name says what and when
  escapement report [--team T] [--quarter 2026-Q3 | --from D --to D] [-o FILE|-]
                                              the team's (or organisation's) report as a PDF; default:
                                              the last complete quarter
  escapement mcp [--url URL] [--token T]      MCP server on stdio for an assistant (docs/context.md)
  escapement parse FILE... [--json]           show offline what a file would import
  escapement db migrate                       apply database migrations
  escapement demo [--findings N] [--seed S]   add a generated demo organisation
  escapement admin create-user --email E --role admin|security_lead|manager|viewer [--team T[,T2]]
                                              create an account; prints its one-time password
  escapement admin reset-password --email E   a new one-time password (ends the person's sessions)
  escapement admin create-token --name N --scopes findings:write[,threat-models:write,read,context:read,
                                export,metrics:read,admin] [--team T] [--expires 90d|1y|2026-12-31|never]
                                              create an API token (default expiry 90d); prints it once
  escapement admin list-tokens [--json]       tokens with scopes, team, expiry, last use and state
  escapement admin revoke-token --id ID       stop a token at once

Environment:
  ESCAPEMENT_URL        server for upload, context, criteria, review, mcp (default http://localhost:3000)
  ESCAPEMENT_TOKEN      API token (upload: scope findings:write; context, criteria, review, mcp: context:read;
                        export, report: export or read)
  ESCAPEMENT_SERVICE    default --service for context, criteria and review
  DATABASE_URL          PostgreSQL server to use (unset: the embedded database)
  ESCAPEMENT_DATA_DIR   embedded database folder (default ./data)
`;

async function main(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv);
  const [command, sub] = args.positional;
  if (!command || command === 'help' || args.options.has('help')) {
    console.log(USAGE);
    return;
  }
  if (command === 'db' && sub === 'migrate') return dbMigrateCommand();
  if (command === 'demo') return demoCommand(args);
  if (command === 'admin') return adminCommand(args);
  if (command === 'upload') return uploadCommand(args);
  if (command === 'parse') return parseCommand(args);
  if (command === 'context' || command === 'criteria') return contextCommand(args, command);
  if (command === 'review') return reviewCommand(args);
  if (command === 'change') return changeCommand(args);
  if (command === 'export') return exportCommand(args);
  if (command === 'report') return reportCommand(args);
  // Required on demand: of the commands, only this one needs the MCP SDK.
  if (command === 'mcp') return (require('./commands/mcp.command') as typeof import('./commands/mcp.command')).mcpCommand(args);
  throw new UsageError(`unknown command "${args.positional.join(' ')}"`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`escapement: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`escapement: ${(error as Error).message ?? error}`);
    process.exit(1);
  },
);
