import type { Role, TokenScope } from '@escapement/domain';
import { defaultWebDist } from '../../apps/api/src/config/app-config';
import type { HttpClient } from '../support/http-client';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/**
 * Who may call what, written out by hand and independently of the code's own declarations. The suite
 * enumerates every route the running app serves and fails when one is missing here (a new route must
 * come with its rule) or when the app answers any caller differently from this table.
 */
type Rule = 'public' | { roles: readonly Role[]; scopes: readonly TokenScope[]; beforePasswordChange?: true };

const EVERYONE: readonly Role[] = ['admin', 'security_lead', 'manager', 'viewer'];
const SECURITY: readonly Role[] = ['admin', 'security_lead'];
const ALL_SCOPES: readonly TokenScope[] = ['read', 'findings:write', 'threat-models:write', 'context:read', 'export', 'metrics:read', 'admin'];

const read: Rule = { roles: EVERYONE, scopes: ['read', 'admin'] };
const exportRule: Rule = { roles: EVERYONE, scopes: ['read', 'export', 'admin'] };
const triage: Rule = { roles: SECURITY, scopes: ['admin'] };
const administer: Rule = { roles: ['admin'], scopes: ['admin'] };
const context: Rule = { roles: EVERYONE, scopes: ['context:read', 'read', 'admin'] };
const mcp: Rule = { roles: [], scopes: ['context:read', 'read', 'admin'] };

const POLICY: Record<string, Rule> = {
  // Open to anyone: health for load balancers, the API description, login, the dashboard's files.
  'GET /api/health': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs-yaml': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',
  'GET {*any}': 'public',
  'POST /api/v1/auth/login': 'public',

  // The server's operating metrics: Prometheus with its own token, and administrators.
  'GET /api/metrics': { roles: ['admin'], scopes: ['metrics:read', 'admin'] },

  // A person's own session, usable before the one-time password is replaced.
  'POST /api/v1/auth/logout': { roles: EVERYONE, scopes: [], beforePasswordChange: true },
  'POST /api/v1/auth/password': { roles: EVERYONE, scopes: [], beforePasswordChange: true },
  'GET /api/v1/auth/me': { roles: EVERYONE, scopes: ALL_SCOPES, beforePasswordChange: true },

  // Administration.
  'GET /api/v1/users': administer,
  'POST /api/v1/users': administer,
  'PATCH /api/v1/users/:id': administer,
  'POST /api/v1/users/:id/password-reset': administer,
  'GET /api/v1/tokens': administer,
  'POST /api/v1/tokens': administer,
  'DELETE /api/v1/tokens/:id': administer,
  'GET /api/v1/audit-events': administer,
  'GET /api/v1/report-schedules': administer,
  'POST /api/v1/report-schedules': administer,
  'PATCH /api/v1/report-schedules/:id': administer,
  'DELETE /api/v1/report-schedules/:id': administer,
  'POST /api/v1/report-schedules/:id/runs': administer,
  'GET /api/v1/report-schedules/runs': administer,
  'GET /api/v1/report-schedules/runs/:id/pdf': administer,

  // The organisation.
  'GET /api/v1/teams': read,
  'POST /api/v1/teams': triage,
  'GET /api/v1/services': read,
  'POST /api/v1/services': triage,
  'GET /api/v1/adoptions': read,
  'POST /api/v1/adoptions': { roles: ['admin', 'security_lead', 'manager'], scopes: ['admin'] },
  'PATCH /api/v1/adoptions/:id': { roles: ['admin', 'security_lead', 'manager'], scopes: ['admin'] },
  'POST /api/v1/adoptions/:id/retire': { roles: ['admin', 'security_lead', 'manager'], scopes: ['admin'] },

  // Findings: CI posts, everyone reads (their teams), the security team decides.
  'GET /api/v1/findings': read,

  // Exports and reports: what the caller may read, as files; the export scope grants them alone.
  'GET /api/v1/exports/findings': exportRule,
  'GET /api/v1/exports/escape-rate': exportRule,
  'GET /api/v1/exports/adoption-impact': exportRule,
  'GET /api/v1/exports/containment': exportRule,
  'GET /api/v1/exports/change-context': exportRule,
  'GET /api/v1/reports/team': exportRule,
  'GET /api/v1/reports/team.pdf': exportRule,

  'GET /api/v1/findings/:id': read,
  'POST /api/v1/findings': { roles: SECURITY, scopes: ['findings:write', 'admin'] },
  'POST /api/v1/findings/:id/links': triage,
  'DELETE /api/v1/findings/:id/links': triage,
  'PUT /api/v1/findings/:id/classification': triage,
  'DELETE /api/v1/findings/:id/classification': triage,
  'GET /api/v1/classification-rules': read,
  'POST /api/v1/classification-rules': triage,
  'DELETE /api/v1/classification-rules/:id': triage,

  'POST /api/v1/imports': { roles: SECURITY, scopes: ['findings:write', 'admin'] },
  'GET /api/v1/imports': read,
  'GET /api/v1/imports/:id': { roles: EVERYONE, scopes: ['read', 'findings:write', 'admin'] },

  'POST /api/v1/threat-models': { roles: SECURITY, scopes: ['threat-models:write', 'admin'] },
  'GET /api/v1/threat-models': read,
  'GET /api/v1/threat-models/:id': read,
  'GET /api/v1/threat-models/:id/versions/:version': read,
  'GET /api/v1/threat-models/:id/components': read,
  'GET /api/v1/threat-models/:id/threats': read,

  'GET /api/v1/metrics/escape-rate': read,
  'GET /api/v1/metrics/gaps': read,
  'GET /api/v1/metrics/containment': read,
  'GET /api/v1/metrics/adoption-impact': read,

  // Changes: CI records them with the uploads' token, everyone reads (their teams), the security team links by hand.
  'POST /api/v1/changes': { roles: SECURITY, scopes: ['findings:write', 'admin'] },
  'POST /api/v1/changes/bulk': { roles: SECURITY, scopes: ['findings:write', 'admin'] },
  'GET /api/v1/changes': read,
  'GET /api/v1/changes/:id': read,
  'GET /api/v1/findings/:id/change': read,
  'PUT /api/v1/findings/:id/change': triage,
  'GET /api/v1/metrics/change-context': read,

  // Threat-model context for developers and their assistants; MCP for tokens only.
  'GET /api/v1/context-packs': context,
  'GET /api/v1/acceptance-criteria': context,
  'POST /api/v1/review-checklists': context,
  'POST /api/v1/context-reviews': context,
  'GET /api/v1/context-models': context,
  'GET /api/v1/context-models/:service': context,
  'GET /api/v1/context-usage': read,
  'GET /api/v1/context-servings': read,
  'POST /mcp': mcp,
  'GET /mcp': mcp,
  'DELETE /mcp': mcp,
};

/** Served only when the dashboard is built; everything else must be in the app. */
const ONLY_WITH_DASHBOARD = new Set(['GET {*any}']);

type Caller =
  | { name: string; kind: 'anonymous' }
  | { name: string; kind: 'user'; role: Role; mustChangePassword: boolean }
  | { name: string; kind: 'token'; scopes: TokenScope[] };

/** What the table says this caller gets: allowed (anything but 401/403), 401 or 403. */
function expected(rule: Rule, caller: Caller): 'allowed' | 401 | 403 {
  if (rule === 'public') return 'allowed';
  if (caller.kind === 'anonymous') return 401;
  if (caller.kind === 'token') return caller.scopes.some((s) => rule.scopes.includes(s)) ? 'allowed' : 403;
  if (caller.mustChangePassword && !rule.beforePasswordChange) return 403;
  return rule.roles.includes(caller.role) ? 'allowed' : 403;
}

/** Every method and path the express app routes, as "METHOD /path". */
function appRoutes(sut: TestApp): string[] {
  const instance = sut.app.getHttpAdapter().getInstance();
  const stack: { route?: { path: string; methods: Record<string, boolean> } }[] = (instance.router ?? instance._router).stack;
  return stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : []));
}

const concrete = (path: string) =>
  path.replace('{*any}', '/').replace(':version', '1').replace(/:[a-z]+/gi, '00000000-0000-4000-8000-000000000000');

describe('authorization matrix: every route × every kind of caller', () => {
  let sut: TestApp;
  let routes: string[];
  const dashboardBuilt = defaultWebDist() !== null;

  beforeAll(async () => {
    sut = await startTestApp({ webDist: defaultWebDist() });
    await resetDatabase(sut);
    routes = appRoutes(sut);
  });
  afterAll(() => sut.close());

  it('has a rule in the table for every route the app serves, and no rule for a route it does not', () => {
    const missing = routes.filter((route) => !(route in POLICY));
    expect(missing).toEqual([]);
    const stale = Object.keys(POLICY).filter((route) => !routes.includes(route) && !(ONLY_WITH_DASHBOARD.has(route) && !dashboardBuilt));
    expect(stale).toEqual([]);
  });

  it('answers each caller as the table says', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const callers: { caller: Caller; http: () => HttpClient | null }[] = [{ caller: { name: 'anonymous', kind: 'anonymous' }, http: () => null }];
    for (const role of ['admin', 'security_lead', 'manager', 'viewer'] as const) {
      const signedIn = await sut.asUser({ role, teamIds: role === 'manager' || role === 'viewer' ? [team.id] : [] });
      callers.push({ caller: { name: `${role} (session)`, kind: 'user', role, mustChangePassword: false }, http: () => signedIn.http });
    }
    const pending = await sut.asUser({ role: 'admin', mustChangePassword: true });
    callers.push({ caller: { name: 'admin with a one-time password', kind: 'user', role: 'admin', mustChangePassword: true }, http: () => pending.http });
    for (const scope of ALL_SCOPES) {
      const token = await sut.asToken({ scopes: [scope] });
      callers.push({ caller: { name: `token ${scope}`, kind: 'token', scopes: [scope] }, http: () => token.http });
    }
    const teamToken = await sut.asToken({ scopes: ['read', 'findings:write'], teamId: team.id });
    callers.push({ caller: { name: 'team token read,findings:write', kind: 'token', scopes: ['read', 'findings:write'] }, http: () => teamToken.http });

    // Logging out ends the caller's session, so it goes last.
    const ordered = [...routes].sort((a, b) => Number(a === 'POST /api/v1/auth/logout') - Number(b === 'POST /api/v1/auth/logout'));
    const mismatches: string[] = [];
    for (const { caller, http } of callers) {
      for (const route of ordered) {
        const rule = POLICY[route];
        if (!rule) continue;
        const [method, path] = route.split(' ');
        const client = http();
        const call = client ? client[method.toLowerCase() as 'get'](concrete(path)) : sut.anonymous()[method.toLowerCase() as 'get'](concrete(path));
        const { status } = await call;
        const want = expected(rule, caller);
        const got = status === 401 || status === 403 ? status : 'allowed';
        if (got !== want) mismatches.push(`${route} as ${caller.name}: expected ${want}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
