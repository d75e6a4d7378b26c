import { ROLES, type Role } from '@escapement/domain';
import { stringOption, UsageError, type ParsedArgs } from '../args';
import { cliActor, withAdminContext } from './admin-context';

/**
 * `escapement admin create-user --email E --role R [--team T[,T2]]`: creates an account and prints its
 * one-time password (alone on stdout, for scripts); the person must replace it at first login.
 */
export async function adminCreateUserCommand(args: ParsedArgs): Promise<void> {
  const email = stringOption(args, 'email');
  const role = stringOption(args, 'role');
  if (!email) throw new UsageError('admin create-user needs --email');
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`admin create-user needs --role, one of ${ROLES.join(', ')}`);
  const teams = (stringOption(args, 'team') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  await withAdminContext(async (context) => {
    const teamIds: string[] = [];
    for (const team of teams) {
      const id = await context.teamId(team);
      if (!id) throw new Error(`no team named "${team}"`);
      teamIds.push(id);
    }
    const { user, oneTimePassword } = await context.users.create({ email, role: role as Role, teamIds }, cliActor());
    console.error(`created ${user.role} ${user.email}${user.teams.length ? ` (teams: ${user.teams.map((t) => t.name).join(', ')})` : ''}; one-time password below, shown once; it must be changed at first login:`);
    console.log(oneTimePassword);
  });
}
