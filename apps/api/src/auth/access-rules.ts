import { ROLES, type Role, type TokenScope } from '@escapement/domain';

type Rule = { roles: readonly Role[]; scopes: readonly TokenScope[] };

const ORGANISATION_WIDE: readonly Role[] = ['admin', 'security_lead'];

/**
 * The access rules routes declare with `@Access(...)`, one per kind of operation, so that two routes
 * doing the same kind of thing cannot drift apart. Data of other teams is filtered below the guard.
 */
export const ACCESS = {
  /** Read findings, metrics, models, teams: everyone signed in, and read tokens; team-limited callers see their teams. */
  read: { roles: ROLES, scopes: ['read', 'admin'] },
  /** Exports and reports: what the caller may read, taken away as files; `export` tokens exist for this alone. */
  export: { roles: ROLES, scopes: ['read', 'export', 'admin'] },
  /** Post findings and scanner output: CI tokens and the security team. */
  ingestFindings: { roles: ORGANISATION_WIDE, scopes: ['findings:write', 'admin'] },
  /** Record changes (PRs/MRs) and their context flags: the same CI tokens that post findings. */
  recordChanges: { roles: ORGANISATION_WIDE, scopes: ['findings:write', 'admin'] },
  /** Follow an upload the caller may have sent (poll a background import). */
  followImport: { roles: ROLES, scopes: ['read', 'findings:write', 'admin'] },
  /** Upload threat models. */
  ingestThreatModels: { roles: ORGANISATION_WIDE, scopes: ['threat-models:write', 'admin'] },
  /** Decisions about findings that move the metrics: classes, links, workspace rules. */
  triage: { roles: ORGANISATION_WIDE, scopes: ['admin'] },
  /** The organisation's shape: teams and services. */
  organise: { roles: ORGANISATION_WIDE, scopes: ['admin'] },
  /** Record a practice adoption; a manager only for their own teams. */
  recordAdoption: { roles: ['admin', 'security_lead', 'manager'], scopes: ['admin'] },
  /** Users, tokens and the audit log. */
  administer: { roles: ['admin'], scopes: ['admin'] },
  /** Context packs, acceptance criteria, review checklists and recorded reviews: developers' tools and their assistants. */
  readContext: { roles: ROLES, scopes: ['context:read', 'read', 'admin'] },
  /** The MCP endpoint: machine tokens only (an assistant configured with a token), never a browser session. */
  mcp: { roles: [], scopes: ['context:read', 'read', 'admin'] },
  /** The server's own operating metrics for Prometheus: a scraper's `metrics:read` token, and administrators. */
  scrapeOperations: { roles: ['admin'], scopes: ['metrics:read', 'admin'] },
  /** Anyone signed in, person or machine: who am I. */
  anyPrincipal: { roles: ROLES, scopes: ['read', 'findings:write', 'threat-models:write', 'context:read', 'export', 'metrics:read', 'admin'] },
  /** A person's own session: logout and password change. */
  ownSession: { roles: ROLES, scopes: [] },
} as const satisfies Record<string, Rule>;
