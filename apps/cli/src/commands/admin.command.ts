import { UsageError, type ParsedArgs } from '../args';
import { adminCreateTokenCommand } from './admin-create-token.command';
import { adminCreateUserCommand } from './admin-create-user.command';
import { adminListTokensCommand } from './admin-list-tokens.command';
import { adminResetPasswordCommand } from './admin-reset-password.command';
import { adminRevokeTokenCommand } from './admin-revoke-token.command';

const COMMANDS: Record<string, (args: ParsedArgs) => Promise<void>> = {
  'create-user': adminCreateUserCommand,
  'reset-password': adminResetPasswordCommand,
  'create-token': adminCreateTokenCommand,
  'list-tokens': adminListTokensCommand,
  'revoke-token': adminRevokeTokenCommand,
};

/** `escapement admin <sub-command>`: people and tokens, straight on the database (with or without a running server). */
export function adminCommand(args: ParsedArgs): Promise<void> {
  const sub = args.positional[1];
  const command = sub ? COMMANDS[sub] : undefined;
  if (!command) throw new UsageError(`admin needs one of: ${Object.keys(COMMANDS).join(', ')}`);
  return command(args);
}
