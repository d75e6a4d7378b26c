import type { ParsedArgs } from '../args';
import { withAdminContext } from './admin-context';

/** `escapement admin list-tokens [--json]`: every token with its state; never the secrets, which are not stored. */
export async function adminListTokensCommand(args: ParsedArgs): Promise<void> {
  await withAdminContext(async (context) => {
    const tokens = await context.tokens.list();
    if (args.options.has('json')) {
      console.log(JSON.stringify(tokens, null, 2));
      return;
    }
    if (!tokens.length) {
      console.log('no tokens');
      return;
    }
    for (const t of tokens) {
      console.log(
        [t.id, t.status.padEnd(7), `esc_${t.prefix}_…`, t.name, t.scopes.join(','), t.teamName ? `team ${t.teamName}` : 'all teams',
          t.expiresAt ? `expires ${t.expiresAt.slice(0, 10)}` : 'no expiry', t.lastUsedAt ? `last used ${t.lastUsedAt.slice(0, 16)}Z` : 'never used'].join('  '),
      );
    }
  });
}
