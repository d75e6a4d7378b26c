import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClassificationRuleDto } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export function getRules(signal?: AbortSignal): Promise<ClassificationRuleDto[]> {
  return apiGet<ClassificationRuleDto[]>('/classification-rules', undefined, { signal });
}

export function getRulesQueryOptions() {
  return queryOptions({ queryKey: ['classification-rules'], queryFn: ({ signal }) => getRules(signal) });
}

export function useRules() {
  return useQuery(getRulesQueryOptions());
}

/**
 * A rule re-classifies stored findings: every findings list and metric may have changed, so all cached
 * answers but the session are dropped, not only the rule list.
 */
export function useRefreshAfterRuleChange() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
}
