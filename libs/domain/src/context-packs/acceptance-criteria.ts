import type { AcceptanceCriterionDto, ContextThreatDto } from '../api/context';

/**
 * Security acceptance criteria from ranked threats, in their order: one per mitigation that is not
 * rejected (the mitigation is what the code must do), or one from the threat itself when it has
 * none. Threats marked not applicable give none. Each keeps its threat key and CWE ids, so that a
 * ticket reader can trace it back.
 */
export function deriveCriteria(threats: readonly ContextThreatDto[]): AcceptanceCriterionDto[] {
  return threats
    .filter((threat) => threat.status !== 'not_applicable')
    .flatMap((threat): AcceptanceCriterionDto[] => {
      const base = { threatKey: threat.key, threatTitle: threat.title, cweIds: threat.cweIds, layer: threat.layer, components: threat.components };
      const mitigations = threat.mitigations.filter((mitigation) => mitigation.status !== 'rejected');
      if (mitigations.length === 0) return [{ ...base, id: threat.key, text: `Prevent: ${threat.title}`, mitigationKey: null }];
      return mitigations.map((mitigation) => ({ ...base, id: `${threat.key}/${mitigation.key}`, text: mitigation.title, mitigationKey: mitigation.key }));
    });
}

/** "threat T-12, CWE-639, CWE-284": the trace written after a criterion. */
export function traceOf(criterion: { threatKey: string; cweIds: readonly number[] }): string {
  return [`threat ${criterion.threatKey}`, ...criterion.cweIds.map((id) => `CWE-${id}`)].join(', ');
}
