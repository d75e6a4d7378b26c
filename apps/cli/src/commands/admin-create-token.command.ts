import { parseTokenExpiry } from '@escapement/api';
import { TOKEN_SCOPES, type TokenScope } from '@escapement/domain';
import { stringOption, UsageError, type ParsedArgs } from '../args';
import { cliActor, withAdminContext } from './admin-context';

/**
 * `escapement admin create-token --name N --scopes findings:write[,..] [--team T] [--expires 90d|never]`:
 * prints the token once, alone on stdout (`TOKEN=$(npx escapement admin create-token …)`); only its hash is kept.
 */
export async function adminCreateTokenCommand(args: ParsedArgs): Promise<void> {
  const name = stringOption(args, 'name');
  if (!name) throw new UsageError('admin create-token needs --name');
  const scopes = (stringOption(args, 'scopes') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
  if (!scopes.length || unknown.length) throw new UsageError(`admin create-token needs --scopes, some of ${TOKEN_SCOPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  const team = stringOption(args, 'team');
  const expiresRaw = stringOption(args, 'expires');
  let expiresAt: Date | null | undefined;
  try {
    expiresAt = expiresRaw === undefined ? undefined : parseTokenExpiry(expiresRaw);
  } catch (error) {
    throw new UsageError(`--expires: ${(error as Error).message}`);
  }
  await withAdminContext(async (context) => {
    const teamId = team ? await context.teamId(team) : null;
    if (team && !teamId) throw new Error(`no team named "${team}"`);
    const { token, secret } = await context.tokens.create({ name, scopes: scopes as TokenScope[], teamId, expiresAt }, cliActor());
    console.error(
      `token "${token.name}" (id ${token.id}, scopes ${token.scopes.join(',')}${token.teamName ? `, team ${token.teamName}` : ''}, ` +
        `${token.expiresAt ? `expires ${token.expiresAt}` : 'never expires'}); shown once, store it now:`,
    );
    console.log(secret);
  });
}
