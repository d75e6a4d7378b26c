/**
 * The PWNISMS layers a threat model is organised by: Product, Workload, Network, IAM, Secrets,
 * Monitoring, Supply chain.
 */
export const PWNISMS_LAYERS = ['product', 'workload', 'network', 'iam', 'secrets', 'monitoring', 'supply_chain'] as const;
export type PwnismsLayer = (typeof PWNISMS_LAYERS)[number];

export const PWNISMS_LABELS: Record<PwnismsLayer, string> = {
  product: 'Product',
  workload: 'Workload',
  network: 'Network',
  iam: 'IAM',
  secrets: 'Secrets',
  monitoring: 'Monitoring',
  supply_chain: 'Supply chain',
};

/** STRIDE threat categories. */
export const STRIDE_CATEGORIES = ['spoofing', 'tampering', 'repudiation', 'information_disclosure', 'denial_of_service', 'elevation_of_privilege'] as const;
export type StrideCategory = (typeof STRIDE_CATEGORIES)[number];
