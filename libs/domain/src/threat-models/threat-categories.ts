import type { FindingCategory } from '../classification/finding-classification';
import type { PwnismsLayer, StrideCategory } from '../model/pwnisms';

/**
 * Which finding categories realise a threat of each STRIDE category, for threats that name no CWE
 * (Threat Dragon's never do). Kept narrow on purpose: a wrong link turns a model gap into a context gap
 * and flatters the model. Repudiation and denial of service have no finding category that reliably
 * realises them, so only CWE ids link such threats.
 */
export const FINDING_CATEGORIES_OF_STRIDE: Readonly<Record<StrideCategory, readonly FindingCategory[]>> = {
  spoofing: ['authentication', 'session'],
  tampering: ['injection', 'trust-boundary'],
  repudiation: [],
  information_disclosure: ['information-exposure', 'secrets', 'crypto'],
  denial_of_service: [],
  elevation_of_privilege: ['authorization'],
};

/**
 * The same for a threat's PWNISMS layer, where the layer is specific enough to say. Workload, network
 * and monitoring threats are too broad to link without a CWE id.
 */
export const FINDING_CATEGORIES_OF_LAYER: Readonly<Record<PwnismsLayer, readonly FindingCategory[]>> = {
  product: ['business-logic'],
  workload: [],
  network: [],
  iam: ['authentication', 'authorization', 'session'],
  secrets: ['secrets'],
  monitoring: [],
  supply_chain: ['supply-chain'],
};
