import type { Severity } from '../model/finding';
import type { PwnismsLayer, StrideCategory } from '../model/pwnisms';

/**
 * The threats the demo's threat models are written from. Each names the CWE ids a security team
 * would attach to it, chosen so that the demo's weaknesses (demo-weaknesses.ts) realise them through
 * `cweRelated`: a threat that no demo finding can realise would never show a context gap, and one
 * with too broad a CWE (CWE-284, the access-control pillar) would swallow every design flaw and leave
 * no model gaps.
 */
export interface DemoThreatTemplate {
  title: string;
  description: string;
  stride: StrideCategory;
  layer: PwnismsLayer;
  /** Empty for a threat linked by its STRIDE category or layer alone (see threat-categories.ts). */
  cweIds: readonly number[];
  severity: Severity;
  mitigations: readonly { key: string; title: string }[];
}

export const DEMO_THREATS = {
  'object-ownership': {
    title: "Another customer's records read or changed by changing an id",
    description: 'Every lookup by id must be scoped to the caller\'s account or tenant; ids are guessable.',
    stride: 'elevation_of_privilege', layer: 'iam', cweIds: [639], severity: 'high',
    mitigations: [{ key: 'owner-scoped-queries', title: "Scope every query by the caller's account" }],
  },
  'missing-permission-check': {
    title: "An endpoint acts without checking the caller's permission",
    description: 'Each handler states the permission it needs; anything not stated is denied.',
    stride: 'elevation_of_privilege', layer: 'iam', cweIds: [862], severity: 'high',
    mitigations: [{ key: 'deny-by-default', title: 'Deny by default in the permission filter' }],
  },
  'role-limits': {
    title: 'A role acts beyond its limits or grants itself more',
    description: 'Approval limits and grantable roles are checked on the server for every change.',
    stride: 'elevation_of_privilege', layer: 'iam', cweIds: [863], severity: 'high',
    mitigations: [{ key: 'server-side-limits', title: 'Check approval limits and grantable roles on the server' }],
  },
  'broken-access-control': {
    title: 'Callers reach data or actions beyond their rights',
    description: 'Broken access control in general: object ownership, permissions and role limits, checked on the server for every request.',
    stride: 'elevation_of_privilege', layer: 'iam', cweIds: [285], severity: 'high',
    mitigations: [{ key: 'central-policy', title: 'One authorization policy shared by every handler' }],
  },
  'unauthenticated-callback': {
    title: 'Callbacks accepted from senders nobody authenticated',
    description: 'Webhooks and redirects back from partners are verified before anything is done with them.',
    stride: 'spoofing', layer: 'iam', cweIds: [306], severity: 'high',
    mitigations: [{ key: 'verify-sender', title: "Verify the sender's signature on every callback" }],
  },
  'authentication-bypass': {
    title: 'Authentication steps skipped or forged',
    description: 'The second factor and token checks cannot be bypassed by calling a later endpoint directly.',
    stride: 'spoofing', layer: 'iam', cweIds: [287], severity: 'critical',
    mitigations: [{ key: 'server-side-steps', title: 'Record completed authentication steps on the server' }],
  },
  'session-fixation': {
    title: 'A session id chosen before login survives it',
    description: 'A planted session id becomes an authenticated one if it is not replaced at login.',
    stride: 'spoofing', layer: 'iam', cweIds: [384], severity: 'medium',
    mitigations: [{ key: 'rotate-session', title: 'Issue a new session id at login and at every privilege change' }],
  },
  'session-lifetime': {
    title: 'Sessions and tokens outlive their purpose',
    description: 'A stolen refresh token or a session from before a password change keeps working.',
    stride: 'spoofing', layer: 'iam', cweIds: [613], severity: 'medium',
    mitigations: [{ key: 'expire-and-revoke', title: 'Expire refresh tokens; revoke sessions on password change' }],
  },
  'credential-guessing': {
    title: 'Passwords and one-time codes guessed by brute force',
    description: 'Six-digit codes fall to a few thousand requests without attempt limits.',
    stride: 'spoofing', layer: 'iam', cweIds: [307], severity: 'medium',
    mitigations: [{ key: 'attempt-limits', title: 'Limit attempts per account and per client' }],
  },
  'business-limits': {
    title: 'Business limits bypassed',
    description: 'Amounts, quantities and per-account limits hold over the whole operation, not one request at a time.',
    stride: 'tampering', layer: 'product', cweIds: [840], severity: 'high',
    mitigations: [{ key: 'limits-on-server', title: 'Validate limits on the server against the running total' }],
  },
  'workflow-bypass': {
    title: 'Steps of a workflow skipped',
    description: 'Each state change checks that the steps before it (approval, verification) completed.',
    stride: 'tampering', layer: 'product', cweIds: [841], severity: 'high',
    mitigations: [{ key: 'state-machine', title: 'An explicit state machine with allowed transitions only' }],
  },
  'duplicate-action': {
    title: 'The same operation applied twice',
    description: 'Concurrent or replayed requests must not apply one change twice.',
    stride: 'tampering', layer: 'product', cweIds: [837], severity: 'high',
    mitigations: [{ key: 'idempotency-keys', title: 'Idempotency keys and unique constraints' }],
  },
  'resource-exhaustion': {
    title: 'Unbounded requests exhaust the service',
    description: 'Date ranges, page sizes and per-account creation are bounded.',
    stride: 'denial_of_service', layer: 'product', cweIds: [770], severity: 'medium',
    mitigations: [{ key: 'quotas', title: 'Quotas and bounded ranges on every list and export' }],
  },
  'untrusted-partner-data': {
    title: 'Data from outside trusted as if it were internal',
    description: 'Partner callbacks, bank files, identity-provider claims and forwarded headers are validated where they cross into our zone.',
    stride: 'tampering', layer: 'product', cweIds: [501, 807], severity: 'high',
    mitigations: [{ key: 'validate-at-boundary', title: 'Validate and re-derive partner data at the trust boundary' }],
  },
  'client-side-enforcement': {
    title: 'Rules enforced only in the client',
    description: 'Entitlements and limits checked in the app or the browser can be skipped by calling the API directly.',
    stride: 'tampering', layer: 'product', cweIds: [602], severity: 'high',
    mitigations: [{ key: 'enforce-on-server', title: 'Enforce entitlements and limits on the server' }],
  },
  'spoofable-signal': {
    title: 'Security decisions based on request data anyone can set',
    description: 'Headers such as X-Internal or X-Forwarded-For arrive from clients too.',
    stride: 'spoofing', layer: 'network', cweIds: [807], severity: 'high',
    mitigations: [{ key: 'strip-at-edge', title: 'Strip internal headers at the edge' }],
  },
  'obscured-admin': {
    title: 'Admin functions protected only by an unlisted address',
    description: 'Accepted while the admin interface is reachable from the internal network only.',
    stride: 'elevation_of_privilege', layer: 'iam', cweIds: [656], severity: 'low',
    mitigations: [],
  },
  'exposed-internal-interface': {
    title: 'Internal interfaces reachable from the internet',
    description: 'Admin and metrics ports must not be published by the ingress or a load balancer.',
    stride: 'elevation_of_privilege', layer: 'network', cweIds: [284], severity: 'medium',
    mitigations: [{ key: 'private-ingress', title: 'Network policies; admin ports on a private ingress only' }],
  },
  'workload-hardening': {
    title: 'Containers run with more privilege than they need',
    description: 'A compromised process should not be root nor able to gain privileges.',
    stride: 'elevation_of_privilege', layer: 'workload', cweIds: [16], severity: 'medium',
    mitigations: [{ key: 'pod-security', title: 'Restricted pod security standard: non-root, no privilege escalation' }],
  },
  'infrastructure-exposure': {
    title: 'Storage and management ports open wider than intended',
    description: 'Buckets, databases and security groups default to private and encrypted.',
    stride: 'information_disclosure', layer: 'network', cweIds: [16], severity: 'high',
    mitigations: [{ key: 'policy-as-code', title: 'Infrastructure checks block public buckets and open ports' }],
  },
  'shared-privileges': {
    title: 'Jobs and services share one role or service account',
    description: 'A compromise of the least important user of a shared credential reaches everything it can.',
    stride: 'elevation_of_privilege', layer: 'iam', cweIds: [653, 657], severity: 'medium',
    mitigations: [{ key: 'role-per-workload', title: 'One database role and service account per workload' }],
  },
  injection: {
    title: 'Injection into queries or commands',
    description: 'User input reaches SQL, NoSQL, a shell or an evaluator.',
    stride: 'tampering', layer: 'product', cweIds: [74], severity: 'high',
    mitigations: [{ key: 'parameterised', title: 'Parameterised queries and argument lists only' }],
  },
  'cross-site-scripting': {
    title: "Script injected into other users' pages",
    description: 'Names, search terms and receipts are rendered from user input.',
    stride: 'tampering', layer: 'product', cweIds: [79], severity: 'medium',
    mitigations: [{ key: 'auto-escaping', title: 'Auto-escaping templates and a strict content security policy' }],
  },
  'request-forgery': {
    title: 'The server made to fetch addresses an attacker chooses',
    description: 'Upstream URLs and webhook previews can point at internal addresses.',
    stride: 'information_disclosure', layer: 'network', cweIds: [918], severity: 'high',
    mitigations: [{ key: 'egress-allow-list', title: 'Egress allow-list for outbound requests' }],
  },
  'unsafe-deserialization': {
    title: 'Payloads from outside deserialized into arbitrary types',
    description: 'Polymorphic deserialization of untrusted input runs code.',
    stride: 'tampering', layer: 'product', cweIds: [502], severity: 'critical',
    mitigations: [{ key: 'typed-parsing', title: 'Parse into fixed types; no polymorphic type handling' }],
  },
  'transport-security': {
    title: 'Traffic intercepted or altered in transit',
    description: 'Custom trust managers or disabled validation let anyone on the network read and change requests.',
    stride: 'tampering', layer: 'network', cweIds: [295], severity: 'high',
    mitigations: [{ key: 'platform-tls', title: "The platform's certificate validation, no custom trust code" }],
  },
  'secrets-in-source': {
    title: 'Credentials leak through the repository or the build',
    description: 'API keys, passwords and signing keys in configuration reach everyone with read access.',
    stride: 'information_disclosure', layer: 'secrets', cweIds: [798], severity: 'high',
    mitigations: [
      { key: 'secret-manager', title: 'Secrets loaded from the secret manager at runtime' },
      { key: 'secret-scanning', title: 'Secret scanning on every push' },
    ],
  },
  'sensitive-data-exposure': {
    title: 'Personal data exposed in exports, responses or logs',
    description: 'Extracts leave the data zone; anything not masked leaves with them.',
    stride: 'information_disclosure', layer: 'product', cweIds: [200], severity: 'high',
    mitigations: [{ key: 'mask-before-export', title: 'Mask personal fields before data leaves the warehouse' }],
  },
  'memory-corruption': {
    title: 'Malformed images corrupt memory in the decoder',
    description: 'The decoder is C and parses files from anyone.',
    stride: 'tampering', layer: 'workload', cweIds: [119], severity: 'high',
    mitigations: [{ key: 'fuzzing', title: 'Fuzz the decoder in CI' }],
  },
  'vulnerable-dependencies': {
    title: 'Dependencies with known vulnerabilities shipped',
    description: 'Named without CWE ids, so any supply-chain finding in the dependency manifests realises it.',
    stride: 'tampering', layer: 'supply_chain', cweIds: [], severity: 'high',
    mitigations: [{ key: 'dependency-updates', title: 'Automated dependency updates behind an SCA gate' }],
  },
} as const satisfies Record<string, DemoThreatTemplate>;

export type DemoThreatId = keyof typeof DEMO_THREATS;
