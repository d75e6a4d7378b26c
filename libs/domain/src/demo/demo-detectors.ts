import { DETECTION_STAGES, type DetectionStage } from '../model/detection-stage';
import type { SourceKind } from '../model/finding';
import type { DemoLanguage } from './demo-services';
import type { DemoWeakness } from './demo-weaknesses';

/** Who reported a detection; its stage always equals DEFAULT_STAGE_OF_SOURCE of the source kind. */
export interface DemoDetector {
  sourceKind: SourceKind;
  tool: string;
  ruleId: string | null;
}

const CODEQL_PREFIX: Record<DemoLanguage, string> = {
  typescript: 'js', java: 'java', kotlin: 'java', go: 'go', python: 'py', swift: 'swift', terraform: 'terraform',
};

const THREAT_MODEL_REVIEW: DemoDetector = { sourceKind: 'threat_model_review', tool: 'threat modelling workshop', ruleId: null };
const CODE_REVIEW: DemoDetector = { sourceKind: 'code_review', tool: 'manual review', ruleId: null };
const PENTEST: DemoDetector = { sourceKind: 'pentest', tool: 'pentest vendor', ruleId: null };
const BUG_BOUNTY: DemoDetector = { sourceKind: 'bug_bounty', tool: 'bug bounty programme', ruleId: null };
const INCIDENT: DemoDetector = { sourceKind: 'incident', tool: 'incident', ruleId: null };

/** The scanner rules that exist for this service's language, with the language prefix filled in. */
function ciDetectors(weakness: DemoWeakness, language: DemoLanguage): DemoDetector[] {
  return (weakness.scanners ?? [])
    .filter((rule) => !rule.languages || rule.languages.includes(language))
    .map((rule) => ({
      sourceKind: rule.sourceKind,
      tool: rule.tool,
      ruleId: rule.ruleId?.replace('{codeql}', CODEQL_PREFIX[language]).replace('{semgrep}', language) ?? null,
    }));
}

/**
 * Every detector that can find this weakness in this service, per stage (indexed like
 * DETECTION_STAGES). Worked out once per service and weakness, not per finding.
 */
export function detectorsByStage(weakness: DemoWeakness, language: DemoLanguage): DemoDetector[][] {
  const byStage: Record<DetectionStage, DemoDetector[]> = {
    design: [THREAT_MODEL_REVIEW],
    code_review: [CODE_REVIEW],
    ci: ciDetectors(weakness, language),
    pre_release: weakness.dastRule ? [{ sourceKind: 'dast', tool: 'zap', ruleId: weakness.dastRule }, PENTEST] : [PENTEST],
    production: [BUG_BOUNTY, INCIDENT],
  };
  return DETECTION_STAGES.map((stage) => (weakness.notAt?.includes(stage) ? [] : byStage[stage]));
}
