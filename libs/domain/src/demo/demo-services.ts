/** Where in a repository a kind of weakness lives; a service without files of a kind cannot have it. */
export type DemoFileKind = 'code' | 'web' | 'native' | 'manifest' | 'terraform' | 'kubernetes' | 'config';

export type DemoLanguage = 'typescript' | 'java' | 'kotlin' | 'go' | 'python' | 'swift' | 'terraform';

/** Everything the generator needs to make a service's findings look like they came from its code. */
export interface DemoServiceProfile {
  name: string;
  team: string;
  repo: string;
  language: DemoLanguage;
  /** Relative share of all findings: bigger, busier services produce more. */
  weight: number;
  /** What the service deals in, for titles ("Refund endpoint does not check ..."). */
  nouns: readonly string[];
  files: Partial<Record<DemoFileKind, readonly string[]>>;
}

export const DEMO_TEAMS = ['Payments', 'Identity', 'Platform', 'Mobile', 'Data'] as const;

export const CONTEXT_AWARE_PRACTICE = 'context-aware-development';

/**
 * Three teams adopt, two do not, so the dashboard has a control group. `at` is the fraction of the
 * window (months 7, 9 and 11 of 18) so that the stagger survives a different window length. `effect`
 * is how much of the practice's effect on design-level escapes the team really gets: Mobile adopts on
 * paper only, so an honest analysis must not credit it with the organisation-wide drift.
 */
export const DEMO_ADOPTION_PLAN: readonly { team: string; at: number; effect: number }[] = [
  { team: 'Payments', at: 7 / 18, effect: 1 },
  { team: 'Identity', at: 9 / 18, effect: 1 },
  { team: 'Mobile', at: 11 / 18, effect: 0 },
];

const repo = (name: string): string => `github.com/acme/${name}`;

export const DEMO_SERVICE_PROFILES: readonly DemoServiceProfile[] = [
  {
    name: 'payments-api',
    team: 'Payments',
    repo: repo('payments-api'),
    language: 'java',
    weight: 1.4,
    nouns: ['refund', 'invoice', 'payout', 'payment method'],
    files: {
      code: [
        'src/main/java/com/acme/payments/refund/RefundController.java',
        'src/main/java/com/acme/payments/invoice/InvoiceService.java',
        'src/main/java/com/acme/payments/payout/PayoutController.java',
        'src/main/java/com/acme/payments/webhook/ProviderWebhookController.java',
        'src/main/java/com/acme/payments/security/PermissionFilter.java',
      ],
      manifest: ['pom.xml'],
      kubernetes: ['deploy/helm/payments-api/values.yaml', 'deploy/k8s/payments-api.yaml'],
      config: ['src/main/resources/application.yml', 'src/main/resources/application-prod.yml'],
    },
  },
  {
    name: 'checkout-web',
    team: 'Payments',
    repo: repo('checkout-web'),
    language: 'typescript',
    weight: 1.1,
    nouns: ['cart', 'coupon', 'order', 'gift card'],
    files: {
      code: ['src/server/routes/checkout.ts', 'src/server/routes/coupons.ts', 'src/server/services/order-service.ts', 'src/server/middleware/session.ts'],
      web: ['src/client/pages/CheckoutPage.tsx', 'src/client/components/OrderSummary.tsx', 'src/server/views/receipt.hbs'],
      manifest: ['package-lock.json'],
      kubernetes: ['deploy/k8s/checkout-web.yaml'],
      config: ['.env.production', 'src/server/config.ts'],
    },
  },
  {
    name: 'ledger-service',
    team: 'Payments',
    repo: repo('ledger-service'),
    language: 'go',
    weight: 0.7,
    nouns: ['ledger entry', 'settlement', 'balance'],
    files: {
      code: ['internal/ledger/handler.go', 'internal/settlement/batch.go', 'internal/balance/query.go', 'cmd/ledger/main.go'],
      manifest: ['go.mod'],
      terraform: ['deploy/terraform/rds.tf'],
      kubernetes: ['deploy/k8s/ledger-service.yaml'],
      config: ['config/ledger.yaml'],
    },
  },
  {
    name: 'identity-api',
    team: 'Identity',
    repo: repo('identity-api'),
    language: 'typescript',
    weight: 1.2,
    nouns: ['user profile', 'API key', 'organisation membership', 'password reset'],
    files: {
      code: ['src/users/users.controller.ts', 'src/api-keys/api-keys.service.ts', 'src/orgs/membership.controller.ts', 'src/auth/password-reset.service.ts', 'src/auth/jwt.strategy.ts'],
      web: ['src/views/login.hbs', 'src/views/consent.hbs'],
      manifest: ['package-lock.json'],
      kubernetes: ['deploy/k8s/identity-api.yaml'],
      config: ['config/default.json', '.env.example'],
    },
  },
  {
    name: 'auth-gateway',
    team: 'Identity',
    repo: repo('auth-gateway'),
    language: 'go',
    weight: 0.8,
    nouns: ['session', 'access token', 'login'],
    files: {
      code: ['internal/session/store.go', 'internal/token/refresh.go', 'internal/oidc/callback.go', 'internal/middleware/authn.go'],
      manifest: ['go.mod'],
      kubernetes: ['deploy/k8s/auth-gateway.yaml'],
      config: ['config/gateway.yaml'],
    },
  },
  {
    name: 'api-gateway',
    team: 'Platform',
    repo: repo('api-gateway'),
    language: 'go',
    weight: 0.9,
    nouns: ['route', 'tenant config', 'rate limit'],
    files: {
      code: ['internal/proxy/router.go', 'internal/tenant/config.go', 'internal/ratelimit/limiter.go', 'internal/admin/handlers.go'],
      manifest: ['go.mod'],
      terraform: ['deploy/terraform/alb.tf'],
      kubernetes: ['deploy/k8s/api-gateway.yaml'],
      config: ['config/routes.yaml'],
    },
  },
  {
    name: 'platform-infra',
    team: 'Platform',
    repo: repo('platform-infra'),
    language: 'terraform',
    weight: 0.8,
    nouns: ['bucket', 'cluster', 'database', 'CI runner'],
    files: {
      terraform: ['modules/s3/main.tf', 'modules/eks/main.tf', 'modules/rds/main.tf', 'environments/prod/main.tf'],
      kubernetes: ['k8s/base/ingress.yaml', 'k8s/runners/runner.yaml'],
      config: ['environments/prod/terraform.tfvars', 'scripts/bootstrap.sh'],
    },
  },
  {
    name: 'mobile-ios',
    team: 'Mobile',
    repo: repo('mobile-ios'),
    language: 'swift',
    weight: 0.9,
    nouns: ['device', 'push token', 'subscription', 'offline cache'],
    files: {
      code: ['App/Sources/Account/AccountViewModel.swift', 'App/Sources/Payments/PurchaseManager.swift', 'App/Sources/Networking/APIClient.swift', 'App/Sources/Storage/KeychainStore.swift'],
      native: ['Vendor/imagecodec/decode.c', 'Vendor/imagecodec/png_reader.c'],
      manifest: ['Package.resolved'],
      config: ['App/Config/Release.xcconfig', 'App/Resources/Services.plist'],
    },
  },
  {
    name: 'mobile-android',
    team: 'Mobile',
    repo: repo('mobile-android'),
    language: 'kotlin',
    weight: 0.9,
    nouns: ['device', 'push token', 'subscription', 'offline cache'],
    files: {
      code: [
        'app/src/main/java/com/acme/app/account/AccountRepository.kt',
        'app/src/main/java/com/acme/app/billing/PurchaseFlow.kt',
        'app/src/main/java/com/acme/app/network/ApiClient.kt',
        'app/src/main/java/com/acme/app/storage/SecurePrefs.kt',
      ],
      native: ['app/src/main/cpp/imagecodec/decode.c', 'app/src/main/cpp/imagecodec/jpeg_reader.c'],
      manifest: ['app/build.gradle.kts'],
      config: ['app/src/main/res/values/config.xml', 'gradle.properties'],
    },
  },
  {
    name: 'mobile-bff',
    team: 'Mobile',
    repo: repo('mobile-bff'),
    language: 'typescript',
    weight: 0.8,
    nouns: ['subscription', 'feed', 'profile', 'device'],
    files: {
      code: ['src/routes/subscriptions.ts', 'src/routes/feed.ts', 'src/routes/profile.ts', 'src/clients/identity-client.ts'],
      manifest: ['package-lock.json'],
      kubernetes: ['deploy/k8s/mobile-bff.yaml'],
      config: ['.env.example', 'src/config.ts'],
    },
  },
  {
    name: 'data-pipeline',
    team: 'Data',
    repo: repo('data-pipeline'),
    language: 'python',
    weight: 0.8,
    nouns: ['dataset', 'export job', 'customer extract'],
    files: {
      code: ['pipeline/jobs/customer_export.py', 'pipeline/loaders/s3_loader.py', 'pipeline/transforms/pii_masking.py', 'pipeline/dags/nightly_extract.py'],
      manifest: ['requirements.txt'],
      terraform: ['deploy/terraform/glue.tf'],
      kubernetes: ['deploy/k8s/airflow.yaml'],
      config: ['pipeline/settings.py', 'airflow/connections.yaml'],
    },
  },
  {
    name: 'analytics-api',
    team: 'Data',
    repo: repo('analytics-api'),
    language: 'python',
    weight: 0.7,
    nouns: ['report', 'dashboard', 'saved query'],
    files: {
      code: ['analytics/api/reports.py', 'analytics/api/queries.py', 'analytics/auth.py', 'analytics/export.py'],
      web: ['analytics/templates/report.html', 'analytics/templates/dashboard.html'],
      manifest: ['requirements.txt'],
      kubernetes: ['deploy/k8s/analytics-api.yaml'],
      config: ['analytics/settings.py', '.env.example'],
    },
  },
];
