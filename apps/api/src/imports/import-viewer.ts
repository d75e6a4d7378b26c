import type { Principal, TeamScope } from '../auth/principal';
import type { ImportSender } from './import-log.repository';

/** Who is looking: imports of their teams' services, and the ones they sent themselves. */
export interface ImportViewer extends ImportSender {
  teams: TeamScope;
}

/**
 * The sender of an upload by id. A token's name is free again once it is revoked, so a new token of the
 * same name is another sender and sees none of the old one's uploads.
 */
export function importSender(principal: Principal): ImportSender {
  return principal.kind === 'token' ? { tokenId: principal.id, userId: null } : { tokenId: null, userId: principal.id };
}

/** A token that may write but not read sees only its own uploads (to poll them), nothing else. */
export function importViewer(principal: Principal): ImportViewer {
  const reads = principal.kind === 'user' || principal.scopes.includes('read') || principal.scopes.includes('admin');
  return { teams: reads ? principal.teams : [], ...importSender(principal) };
}
