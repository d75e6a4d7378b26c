import type { DataSource, EntityManager } from 'typeorm';
import type { TeamScope } from '../auth/principal';
import { forbidden } from '../common/domain-error';

function refuse(names: string[]): never {
  throw forbidden(`Not a service of your team: ${names.join(', ')}. A team-limited token writes only to its team's services.`);
}

/**
 * Creates the services an upload names that do not exist yet, and refuses the upload when the caller
 * may not write to one of them. A caller limited to a team writes only to that team's services, and a
 * service it names first is created in its team (so it can read back what it wrote). Call inside the
 * upload's transaction, after its advisory locks.
 */
export async function claimServices(manager: EntityManager, names: readonly string[], teams: TeamScope): Promise<void> {
  if (teams === null) {
    await manager.query(`INSERT INTO services (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [names]);
    return;
  }
  await manager.query(`INSERT INTO services (name, team_id) SELECT unnest($1::text[]), $2::uuid ON CONFLICT (name) DO NOTHING`, [names, teams[0]]);
  const foreign: { name: string }[] = await manager.query(
    `SELECT name FROM services WHERE name = ANY($1::text[]) AND (team_id IS NULL OR NOT (team_id = ANY($2::uuid[]))) ORDER BY name`,
    [names, teams],
  );
  if (foreign.length) refuse(foreign.map((s) => s.name));
}

/** The same refusal before any work, for an upload that names its service up front. */
export async function checkServiceWritable(runner: DataSource | EntityManager, name: string, teams: TeamScope): Promise<void> {
  if (teams === null) return;
  const rows: { team_id: string | null }[] = await runner.query(`SELECT team_id FROM services WHERE name = $1`, [name.trim()]);
  if (rows.length && (rows[0].team_id === null || !teams.includes(rows[0].team_id))) refuse([name.trim()]);
}
