import { actorOf, type Principal, type TeamScope } from '../auth/principal';

/** Who is looking: imports of their teams' services, and the ones they sent themselves. */
export interface ImportViewer {
  teams: TeamScope;
  actor: string;
}

/** A token that may write but not read sees only its own uploads (to poll them), nothing else. */
export function importViewer(principal: Principal): ImportViewer {
  const reads = principal.kind === 'user' || principal.scopes.includes('read') || principal.scopes.includes('admin');
  return { teams: reads ? principal.teams : [], actor: actorOf(principal) };
}
