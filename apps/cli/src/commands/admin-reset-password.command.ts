import { stringOption, UsageError, type ParsedArgs } from '../args';
import { cliActor, withAdminContext } from './admin-context';

/** `escapement admin reset-password --email E`: a new one-time password (the way back in for a locked-out administrator). */
export async function adminResetPasswordCommand(args: ParsedArgs): Promise<void> {
  const email = stringOption(args, 'email');
  if (!email) throw new UsageError('admin reset-password needs --email');
  await withAdminContext(async (context) => {
    const user = await context.users.findByEmail(email);
    if (!user) throw new Error(`no user with the email ${email}`);
    const { oneTimePassword } = await context.users.resetPassword(user.id, cliActor());
    console.error(`new one-time password for ${user.email} below, shown once; their sessions have ended and it must be changed at next login:`);
    console.log(oneTimePassword);
  });
}
