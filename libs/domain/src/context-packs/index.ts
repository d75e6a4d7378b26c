export type { ContextRequest, ContextSource } from './context-source';
export { selectComponents, type ComponentSelection } from './select-components';
export { byImportance, groupByLayer, rankThreats, threatImportance, SEVERITY_WEIGHT, STATUS_WEIGHT, ESCAPE_WEIGHT, ESCAPE_WEIGHT_CAP } from './rank-threats';
export { deriveCriteria, traceOf } from './acceptance-criteria';
export { changedPathsOfDiff, MAX_CHANGED_PATHS } from './changed-paths';
export { budgetOf, cutOrder, fitToBudget, CHARS_PER_TOKEN, DEFAULT_MAX_CHARS, type Budget, type CutCandidate } from './budget';
export { buildAcceptanceCriteria, buildContextPack, buildReviewChecklist, sliceModel, type Served } from './build-context';
export { renderChecklistMarkdown, renderCriteriaMarkdown, renderPackMarkdown } from './render-markdown';
export { servicesOfRepository, type ServiceRepositories } from './repository-services';
