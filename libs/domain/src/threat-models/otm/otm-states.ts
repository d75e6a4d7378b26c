import { wordKey } from '../model-words';
import type { MitigationStatus, ThreatStatus } from '../threat-model';

/**
 * OTM leaves instance `state`s as free text; these are the words its examples and the tools that
 * write it (IriusRisk, StartLeft) use. An unknown threat state reads as open: calling an unknown
 * state mitigated would hide a threat.
 */
const THREAT_STATES: Readonly<Record<string, ThreatStatus>> = {
  exposed: 'open',
  expose: 'open',
  open: 'open',
  new: 'open',
  identified: 'open',
  required: 'open',
  recommended: 'open',
  partly_mitigated: 'open',
  partially_mitigated: 'open',
  not_mitigated: 'open',
  unmitigated: 'open',
  mitigated: 'mitigated',
  mitigate: 'mitigated',
  implemented: 'mitigated',
  closed: 'mitigated',
  fixed: 'mitigated',
  accepted: 'accepted',
  accept: 'accepted',
  transferred: 'accepted',
  not_applicable: 'not_applicable',
  na: 'not_applicable',
  n_a: 'not_applicable',
  hidden: 'not_applicable',
  rejected: 'not_applicable',
};

const MITIGATION_STATES: Readonly<Record<string, MitigationStatus>> = {
  required: 'planned',
  recommended: 'planned',
  planned: 'planned',
  proposed: 'planned',
  pending: 'planned',
  in_progress: 'planned',
  open: 'planned',
  implemented: 'implemented',
  done: 'implemented',
  applied: 'implemented',
  verified: 'verified',
  tested: 'verified',
  validated: 'verified',
  rejected: 'rejected',
  not_applicable: 'rejected',
  not_required: 'rejected',
  declined: 'rejected',
};

export function otmThreatStatus(state: string | null): ThreatStatus {
  return state === null ? 'open' : (THREAT_STATES[wordKey(state)] ?? 'open');
}

export function otmMitigationStatus(state: string | null): MitigationStatus | null {
  return state === null ? null : (MITIGATION_STATES[wordKey(state)] ?? null);
}

/**
 * One threat definition can be instantiated on several components and flows, each with its own state.
 * The model keeps one threat, so it takes the state that protects least: a threat open anywhere is open.
 */
const THREAT_STATUS_EXPOSURE: readonly ThreatStatus[] = ['open', 'accepted', 'mitigated', 'not_applicable'];
const MITIGATION_STATUS_PROTECTION: readonly MitigationStatus[] = ['rejected', 'planned', 'implemented', 'verified'];

export function mostExposed(statuses: readonly ThreatStatus[]): ThreatStatus {
  if (statuses.length === 0) return 'open';
  return THREAT_STATUS_EXPOSURE[Math.min(...statuses.map((status) => THREAT_STATUS_EXPOSURE.indexOf(status)))];
}

export function leastProtective(statuses: ReadonlyArray<MitigationStatus | null>): MitigationStatus | null {
  const known = statuses.filter((status): status is MitigationStatus => status !== null);
  if (known.length === 0) return null;
  return MITIGATION_STATUS_PROTECTION[Math.min(...known.map((status) => MITIGATION_STATUS_PROTECTION.indexOf(status)))];
}
