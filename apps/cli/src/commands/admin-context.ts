import { loadAppConfig, openAdminContext, type AdminContext } from '@escapement/api';
import * as os from 'node:os';

/** Who the audit log names for a change made at this terminal. */
export function cliActor(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return `cli:${user}@${os.hostname()}`;
}

/** Runs `work` against the configured database (DATABASE_URL, or the embedded one beside or without a server). */
export async function withAdminContext<T>(work: (context: AdminContext) => Promise<T>): Promise<T> {
  const context = await openAdminContext(loadAppConfig(process.env, { logLevel: 'error', webDist: null }));
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
