import type { PwnismsLayer } from '../model/pwnisms';
import type { ThreatStatus } from '../threat-models/threat-model';
import type { DemoThreatId } from './demo-threat-catalogue';
import type { DemoZone } from './demo-trust-zones';

/**
 * A component of a demo model. Its path globs cover the files demo-services.ts gives the service's
 * findings; a component without paths is something the service talks to but does not own (a
 * payment provider, the mobile backend), drawn for its boundary and matching no finding.
 */
export interface DemoComponentPlan {
  key: string;
  name: string;
  type: string;
  zone: DemoZone;
  layer: PwnismsLayer;
  paths: readonly string[];
  parent?: string;
  description?: string;
}

export interface DemoThreatPlan {
  threat: DemoThreatId;
  on: readonly string[];
  /** The model version that first names the threat. */
  since: 1 | 2;
  /** Its status in version 2 when it was already in version 1 (default: mitigated). */
  later?: ThreatStatus;
}

export interface DemoThreatModelPlan {
  service: string;
  name: string;
  description: string;
  components: readonly DemoComponentPlan[];
  threats: readonly DemoThreatPlan[];
}

const v1 = (threat: DemoThreatId, on: readonly string[], later?: ThreatStatus): DemoThreatPlan => ({ threat, on, since: 1, ...(later ? { later } : {}) });
const v2 = (threat: DemoThreatId, on: readonly string[]): DemoThreatPlan => ({ threat, on, since: 2 });

const external = (key: string, name: string, zone: DemoZone, layer: PwnismsLayer, description: string): DemoComponentPlan => ({
  key, name, type: 'external-service', zone, layer, paths: [], description,
});
const deployment = (paths: readonly string[]): DemoComponentPlan => ({
  key: 'deployment', name: 'Kubernetes deployment', type: 'deployment', zone: 'internal', layer: 'workload', paths,
});
const configuration = (paths: readonly string[], zone: DemoZone = 'secrets'): DemoComponentPlan => ({
  key: 'configuration', name: 'Runtime configuration', type: 'secret-store', zone, layer: 'secrets', paths,
  description: 'Configuration files; credentials belong in the secret manager, not here.',
});

const PAYMENTS = 'src/main/java/com/acme/payments';
const ANDROID = 'app/src/main/java/com/acme/app';

/**
 * The demo's threat models. The first versions name the obvious threats; the second, written when a
 * team took up context-aware development (or mid-way for the others), add the threats escapes taught
 * them. Some threats are missing even then, on purpose: refunds and payouts have no double-spend
 * threat, the mobile apps say nothing about sessions before v2, and so on, so that model gaps point at
 * the components whose threats were missed. Two services have no model at all (platform-infra and
 * analytics-api), so that unmodelled escapes show too.
 */
export const DEMO_THREAT_MODEL_PLANS: readonly DemoThreatModelPlan[] = [
  {
    service: 'payments-api',
    name: 'Payments API',
    description: "Refunds, invoices and payouts for card payments, and the payment provider's webhooks.",
    components: [
      external('payment-provider', 'Payment provider', 'internet', 'product', 'Card processor: calls our webhooks and receives payout instructions.'),
      { key: 'refunds', name: 'Refunds', type: 'module', zone: 'edge', layer: 'product', paths: [`${PAYMENTS}/refund/**`] },
      { key: 'invoices', name: 'Invoicing', type: 'module', zone: 'internal', layer: 'product', paths: [`${PAYMENTS}/invoice/**`] },
      { key: 'payouts', name: 'Payouts', type: 'module', zone: 'edge', layer: 'product', paths: [`${PAYMENTS}/payout/**`] },
      { key: 'provider-webhooks', name: 'Provider webhooks', type: 'module', zone: 'edge', layer: 'product', paths: [`${PAYMENTS}/webhook/**`] },
      { key: 'permissions', name: 'Permission filter', type: 'module', zone: 'edge', layer: 'iam', paths: [`${PAYMENTS}/security/**`] },
      configuration(['src/main/resources/application*.yml']),
      deployment(['deploy/**']),
    ],
    threats: [
      v1('broken-access-control', ['refunds', 'invoices', 'payouts', 'permissions']),
      v1('unauthenticated-callback', ['provider-webhooks', 'payment-provider']),
      v1('injection', ['invoices', 'refunds', 'payouts']),
      v1('secrets-in-source', ['configuration'], 'open'),
      v2('object-ownership', ['refunds', 'invoices', 'payouts']),
      v2('business-limits', ['refunds', 'payouts']),
      v2('workflow-bypass', ['payouts', 'invoices', 'refunds']),
      v2('client-side-enforcement', ['refunds']),
      v2('resource-exhaustion', ['invoices']),
      v2('authentication-bypass', ['permissions']),
      v2('untrusted-partner-data', ['provider-webhooks', 'payment-provider']),
      v2('unsafe-deserialization', ['provider-webhooks']),
      v2('exposed-internal-interface', ['deployment']),
      v2('workload-hardening', ['deployment']),
    ],
  },
  {
    service: 'checkout-web',
    name: 'Checkout web',
    description: "The web shop's checkout: cart, coupons, orders and receipts, rendered on the server.",
    components: [
      { key: 'checkout-pages', name: 'Checkout pages', type: 'web-client', zone: 'internet', layer: 'product', paths: ['src/client/**'] },
      { key: 'checkout-routes', name: 'Checkout and coupon routes', type: 'web-service', zone: 'edge', layer: 'product', paths: ['src/server/routes/**'] },
      { key: 'orders', name: 'Order service', type: 'module', zone: 'internal', layer: 'product', paths: ['src/server/services/**'] },
      { key: 'session', name: 'Session middleware', type: 'module', zone: 'edge', layer: 'iam', paths: ['src/server/middleware/**'] },
      { key: 'receipts', name: 'Receipt templates', type: 'module', zone: 'edge', layer: 'product', paths: ['src/server/views/**'] },
      configuration(['.env*', 'src/server/config.ts']),
      deployment(['deploy/**']),
    ],
    threats: [
      v1('broken-access-control', ['checkout-routes', 'orders']),
      v1('cross-site-scripting', ['checkout-pages', 'receipts']),
      v1('injection', ['checkout-routes', 'orders']),
      v1('session-lifetime', ['session'], 'open'),
      v1('missing-permission-check', ['session']),
      v1('secrets-in-source', ['configuration']),
      v2('business-limits', ['checkout-routes', 'orders']),
      v2('client-side-enforcement', ['checkout-routes', 'orders']),
      v2('duplicate-action', ['orders']),
      v2('session-fixation', ['session']),
      v2('authentication-bypass', ['session']),
      v2('workload-hardening', ['deployment']),
    ],
  },
  {
    service: 'ledger-service',
    name: 'Ledger',
    description: 'Double-entry ledger, nightly settlement with the bank and balance queries.',
    components: [
      external('bank', 'Bank settlement feed', 'internet', 'product', 'Settlement files from the acquiring bank.'),
      { key: 'ledger-api', name: 'Ledger API', type: 'web-service', zone: 'internal', layer: 'product', paths: ['internal/ledger/**'] },
      { key: 'settlement', name: 'Settlement batch', type: 'batch-job', zone: 'internal', layer: 'product', paths: ['internal/settlement/**'] },
      { key: 'balances', name: 'Balance queries', type: 'module', zone: 'internal', layer: 'product', paths: ['internal/balance/**'] },
      { key: 'ledger-db', name: 'Ledger database', type: 'database', zone: 'data', layer: 'workload', paths: ['deploy/terraform/**'] },
      configuration(['config/**']),
      deployment(['deploy/k8s/**']),
    ],
    threats: [
      v1('broken-access-control', ['ledger-api', 'balances']),
      v1('duplicate-action', ['settlement', 'ledger-api']),
      v1('injection', ['balances', 'ledger-api']),
      v1('secrets-in-source', ['configuration']),
      v2('untrusted-partner-data', ['settlement', 'bank']),
      v2('object-ownership', ['balances']),
      v2('business-limits', ['ledger-api']),
      v2('resource-exhaustion', ['ledger-api', 'balances']),
      v2('shared-privileges', ['ledger-db']),
      v2('infrastructure-exposure', ['ledger-db']),
    ],
  },
  {
    service: 'identity-api',
    name: 'Identity API',
    description: 'Users, organisations, API keys and password resets.',
    components: [
      { key: 'users', name: 'User profiles', type: 'module', zone: 'edge', layer: 'product', paths: ['src/users/**'] },
      { key: 'api-keys', name: 'API keys', type: 'module', zone: 'internal', layer: 'iam', paths: ['src/api-keys/**'] },
      { key: 'memberships', name: 'Organisation memberships', type: 'module', zone: 'edge', layer: 'iam', paths: ['src/orgs/**'] },
      { key: 'authentication', name: 'Authentication and password reset', type: 'module', zone: 'edge', layer: 'iam', paths: ['src/auth/**'] },
      { key: 'login-pages', name: 'Login and consent pages', type: 'web-client', zone: 'edge', layer: 'product', paths: ['src/views/**'] },
      { key: 'dependencies', name: 'npm dependencies', type: 'library', zone: 'internal', layer: 'supply_chain', paths: ['package-lock.json'] },
      configuration(['config/**', '.env*']),
      deployment(['deploy/**']),
    ],
    threats: [
      v1('broken-access-control', ['users', 'api-keys', 'memberships', 'authentication']),
      v1('authentication-bypass', ['authentication']),
      v1('session-lifetime', ['authentication', 'api-keys'], 'open'),
      v1('cross-site-scripting', ['login-pages']),
      v1('injection', ['users']),
      v1('secrets-in-source', ['configuration']),
      v2('object-ownership', ['users', 'api-keys']),
      v2('role-limits', ['memberships']),
      v2('session-fixation', ['authentication']),
      v2('credential-guessing', ['authentication']),
      v2('workflow-bypass', ['authentication', 'memberships']),
      v2('business-limits', ['memberships']),
      v2('client-side-enforcement', ['users']),
      v2('resource-exhaustion', ['users', 'api-keys']),
      v2('vulnerable-dependencies', ['dependencies']),
      v2('exposed-internal-interface', ['deployment']),
    ],
  },
  {
    service: 'auth-gateway',
    name: 'Auth gateway',
    description: 'Signs in every web client: OIDC login, sessions and token refresh.',
    components: [
      external('identity-provider', 'Identity provider', 'internet', 'iam', 'The OIDC provider customers sign in with.'),
      { key: 'sessions', name: 'Session store', type: 'module', zone: 'data', layer: 'iam', paths: ['internal/session/**'] },
      { key: 'tokens', name: 'Token refresh', type: 'module', zone: 'edge', layer: 'iam', paths: ['internal/token/**'] },
      { key: 'oidc-callback', name: 'OIDC callback', type: 'module', zone: 'edge', layer: 'iam', paths: ['internal/oidc/**'] },
      { key: 'authn', name: 'Authentication middleware', type: 'module', zone: 'edge', layer: 'iam', paths: ['internal/middleware/**'] },
      configuration(['config/**']),
      deployment(['deploy/**']),
    ],
    threats: [
      v1('broken-access-control', ['authn']),
      v1('authentication-bypass', ['authn', 'oidc-callback', 'tokens']),
      v1('object-ownership', ['tokens', 'sessions']),
      v1('session-lifetime', ['sessions', 'tokens'], 'open'),
      v1('secrets-in-source', ['configuration']),
      v2('session-fixation', ['sessions']),
      v2('untrusted-partner-data', ['oidc-callback', 'identity-provider']),
      v2('workflow-bypass', ['oidc-callback', 'authn']),
      v2('credential-guessing', ['tokens']),
      v2('duplicate-action', ['tokens']),
      v2('exposed-internal-interface', ['deployment']),
    ],
  },
  {
    service: 'api-gateway',
    name: 'API gateway',
    description: 'Routes public traffic to services per tenant, with rate limits and an admin API.',
    components: [
      { key: 'router', name: 'Request router', type: 'web-service', zone: 'edge', layer: 'network', paths: ['internal/proxy/**'] },
      { key: 'tenants', name: 'Tenant configuration', type: 'module', zone: 'internal', layer: 'product', paths: ['internal/tenant/**'] },
      { key: 'rate-limiter', name: 'Rate limiter', type: 'module', zone: 'edge', layer: 'network', paths: ['internal/ratelimit/**'] },
      { key: 'admin-api', name: 'Admin API', type: 'web-service', zone: 'internal', layer: 'iam', paths: ['internal/admin/**'] },
      { key: 'load-balancer', name: 'Load balancer', type: 'network', zone: 'edge', layer: 'network', paths: ['deploy/terraform/**'] },
      deployment(['deploy/k8s/**']),
    ],
    threats: [
      v1('broken-access-control', ['admin-api', 'tenants']),
      v1('spoofable-signal', ['router']),
      v1('resource-exhaustion', ['rate-limiter', 'router']),
      v1('exposed-internal-interface', ['deployment', 'admin-api']),
      v2('object-ownership', ['tenants']),
      v2('missing-permission-check', ['router']),
      v2('request-forgery', ['router']),
      v2('untrusted-partner-data', ['router']),
      v2('business-limits', ['rate-limiter']),
      v2('credential-guessing', ['rate-limiter']),
      v2('infrastructure-exposure', ['load-balancer']),
      v2('obscured-admin', ['admin-api']),
    ],
  },
  {
    service: 'mobile-ios',
    name: 'iOS app',
    description: 'The customer app for iPhone: account, in-app purchases, API client, keychain storage and an image decoder.',
    components: [
      external('mobile-backend', 'Mobile backend', 'edge', 'product', 'mobile-bff: the only API the app calls.'),
      { key: 'account', name: 'Account screens', type: 'module', zone: 'internet', layer: 'product', paths: ['App/Sources/Account/**'] },
      { key: 'purchases', name: 'In-app purchases', type: 'module', zone: 'internet', layer: 'product', paths: ['App/Sources/Payments/**'] },
      { key: 'api-client', name: 'API client', type: 'module', zone: 'internet', layer: 'network', paths: ['App/Sources/Networking/**'] },
      { key: 'secure-storage', name: 'Keychain storage', type: 'module', zone: 'internet', layer: 'secrets', paths: ['App/Sources/Storage/**'] },
      { key: 'image-codec', name: 'Image decoder', type: 'library', zone: 'internet', layer: 'workload', paths: ['Vendor/imagecodec/**'] },
      configuration(['App/Config/**', 'App/Resources/**'], 'internet'),
    ],
    threats: [
      v1('broken-access-control', ['account', 'purchases']),
      v1('client-side-enforcement', ['purchases', 'account']),
      v1('transport-security', ['api-client']),
      v1('secrets-in-source', ['configuration'], 'open'),
      v1('memory-corruption', ['image-codec']),
      v2('object-ownership', ['account', 'mobile-backend']),
      v2('business-limits', ['purchases']),
      v2('workflow-bypass', ['purchases']),
      v2('duplicate-action', ['purchases']),
      v2('authentication-bypass', ['account', 'secure-storage']),
      v2('session-lifetime', ['api-client', 'secure-storage']),
      v2('untrusted-partner-data', ['api-client']),
    ],
  },
  {
    service: 'mobile-android',
    name: 'Android app',
    description: 'The customer app for Android: account, billing, API client, encrypted preferences and an image decoder.',
    components: [
      external('mobile-backend', 'Mobile backend', 'edge', 'product', 'mobile-bff: the only API the app calls.'),
      { key: 'account', name: 'Account', type: 'module', zone: 'internet', layer: 'product', paths: [`${ANDROID}/account/**`] },
      { key: 'billing', name: 'Play billing', type: 'module', zone: 'internet', layer: 'product', paths: [`${ANDROID}/billing/**`] },
      { key: 'api-client', name: 'API client', type: 'module', zone: 'internet', layer: 'network', paths: [`${ANDROID}/network/**`] },
      { key: 'secure-storage', name: 'Encrypted preferences', type: 'module', zone: 'internet', layer: 'secrets', paths: [`${ANDROID}/storage/**`] },
      { key: 'image-codec', name: 'Image decoder', type: 'library', zone: 'internet', layer: 'workload', paths: ['app/src/main/cpp/**'] },
      { key: 'dependencies', name: 'Gradle dependencies', type: 'library', zone: 'internet', layer: 'supply_chain', paths: ['**/build.gradle.kts'] },
      configuration(['app/src/main/res/**', 'gradle.properties'], 'internet'),
    ],
    threats: [
      v1('broken-access-control', ['account', 'billing']),
      v1('client-side-enforcement', ['billing']),
      v1('transport-security', ['api-client']),
      v1('memory-corruption', ['image-codec']),
      v1('secrets-in-source', ['configuration'], 'open'),
      v2('object-ownership', ['account', 'mobile-backend']),
      v2('business-limits', ['billing']),
      v2('duplicate-action', ['billing']),
      v2('authentication-bypass', ['account']),
      v2('session-lifetime', ['api-client', 'secure-storage']),
      v2('unsafe-deserialization', ['api-client']),
      v2('vulnerable-dependencies', ['dependencies']),
    ],
  },
  {
    service: 'mobile-bff',
    name: 'Mobile backend for frontend',
    description: 'The API the mobile apps call: subscriptions, feed and profile, backed by the identity API.',
    components: [
      { key: 'routes', name: 'Mobile API routes', type: 'web-service', zone: 'edge', layer: 'product', paths: ['src/routes/**'] },
      { key: 'subscriptions', name: 'Subscriptions', type: 'module', zone: 'edge', layer: 'product', paths: ['src/routes/subscriptions*.ts'], parent: 'routes' },
      { key: 'identity-client', name: 'Identity API client', type: 'module', zone: 'internal', layer: 'iam', paths: ['src/clients/**'] },
      configuration(['.env*', 'src/config.ts']),
      deployment(['deploy/**']),
    ],
    threats: [
      v1('broken-access-control', ['routes', 'subscriptions']),
      v1('injection', ['routes']),
      v1('secrets-in-source', ['configuration']),
      v2('client-side-enforcement', ['subscriptions']),
      v2('business-limits', ['subscriptions']),
      v2('workflow-bypass', ['routes']),
      v2('resource-exhaustion', ['routes']),
      v2('untrusted-partner-data', ['identity-client']),
      v2('authentication-bypass', ['identity-client']),
      v2('workload-hardening', ['deployment']),
    ],
  },
  {
    service: 'data-pipeline',
    name: 'Data pipeline',
    description: 'Nightly extracts of customer data into the warehouse, and exports to partners.',
    components: [
      { key: 'warehouse', name: 'Warehouse (S3 and Glue)', type: 'database', zone: 'data', layer: 'workload', paths: ['deploy/terraform/**'] },
      { key: 'export-jobs', name: 'Customer export jobs', type: 'batch-job', zone: 'internal', layer: 'product', paths: ['pipeline/jobs/**'] },
      { key: 'loaders', name: 'S3 loaders', type: 'module', zone: 'internal', layer: 'workload', paths: ['pipeline/loaders/**'] },
      { key: 'pii-masking', name: 'PII masking', type: 'module', zone: 'internal', layer: 'product', paths: ['pipeline/transforms/**'] },
      { key: 'scheduler', name: 'Airflow scheduler', type: 'workload', zone: 'internal', layer: 'workload', paths: ['pipeline/dags/**', 'deploy/k8s/**'] },
      configuration(['airflow/**', 'pipeline/settings.py']),
    ],
    threats: [
      v1('broken-access-control', ['export-jobs']),
      v1('shared-privileges', ['warehouse', 'scheduler']),
      v1('unsafe-deserialization', ['loaders']),
      v1('secrets-in-source', ['configuration'], 'open'),
      v2('resource-exhaustion', ['export-jobs']),
      v2('untrusted-partner-data', ['loaders']),
      v2('sensitive-data-exposure', ['pii-masking', 'export-jobs']),
      v2('injection', ['export-jobs', 'loaders']),
      v2('workflow-bypass', ['scheduler']),
      v2('infrastructure-exposure', ['warehouse']),
    ],
  },
];
