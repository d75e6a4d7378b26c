import { stringOption, UsageError, type ParsedArgs } from '../args';
import { cliActor, withAdminContext } from './admin-context';

/** `escapement admin revoke-token --id ID`: the token stops working at once. */
export async function adminRevokeTokenCommand(args: ParsedArgs): Promise<void> {
  const id = stringOption(args, 'id');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError('admin revoke-token needs --id, a token id from admin list-tokens');
  await withAdminContext(async (context) => {
    await context.tokens.revoke(id, cliActor());
    console.log(`revoked ${id}`);
  });
}
