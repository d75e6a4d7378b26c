import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The house rule "SQL lives only in repositories" (`*.repository.ts`, and the migrations outside this
 * folder), kept by this spec rather than by memory: services, helpers and modules hold no statement and
 * call no query runner.
 */
const SOURCE = __dirname;

/** Pass-throughs that run statements other code wrote, and hold none of their own. */
const ADAPTERS: Record<string, string> = {
  'common/sql.ts': "runs a repository's UPDATE or DELETE ... RETURNING and unwraps TypeORM's answer",
  'jobs/job-queue.ts': "lets the job queue library write its own statements inside the caller's transaction",
};

const STATEMENT = /\b(SELECT\s+[\w*("]|INSERT\s+INTO|UPDATE\s+\w+(\s+\w+)?\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|DATABASE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|TRUNCATE\s)/;
const QUERY_CALL = /\.query\s*(<[^>]*>)?\s*\(/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** The code without its comments, line numbers kept, so that prose about SQL is not taken for SQL. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '');
}

function sqlOutsideRepositories(root: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (relative.endsWith('.repository.ts') || relative in ADAPTERS) continue;
    withoutComments(fs.readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, index) => {
        if (STATEMENT.test(line) || QUERY_CALL.test(line)) found.push(`${relative}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('SQL in the API', () => {
  it('lives only in repositories', () => {
    expect(sqlOutsideRepositories(SOURCE)).toEqual([]);
  });

  it('is found wherever else it is written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-sql-rule-'));
    try {
      fs.mkdirSync(path.join(dir, 'teams'));
      fs.writeFileSync(path.join(dir, 'teams', 'teams.service.ts'), "const rows = await manager.query(`SELECT id FROM teams`);\n// SELECT in a comment is prose\n");
      fs.writeFileSync(path.join(dir, 'teams', 'team-names.ts'), "const sql = 'UPDATE teams t SET name = $1';\n");
      fs.writeFileSync(path.join(dir, 'teams', 'teams.repository.ts'), "await manager.query(`DELETE FROM teams WHERE id = $1`, [id]);\n");
      expect(sqlOutsideRepositories(dir)).toEqual([
        "teams/team-names.ts:1: const sql = 'UPDATE teams t SET name = $1';",
        'teams/teams.service.ts:1: const rows = await manager.query(`SELECT id FROM teams`);',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
