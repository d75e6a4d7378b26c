import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClassificationRuleCreatedDto, ClassificationRuleDto, ReclassifiedDto } from '@escapement/domain';
import { apiGet, apiSend } from '../../../lib/api-client';
import type { CreateRuleBody } from '../rule-form';

export function getRules(signal?: AbortSignal): Promise<ClassificationRuleDto[]> {
  return apiGet<ClassificationRuleDto[]>('/classification-rules', undefined, { signal });
}

export function getRulesQueryOptions() {
  return queryOptions({ queryKey: ['classification-rules'], queryFn: ({ signal }) => getRules(signal) });
}

export function useRules() {
  return useQuery(getRulesQueryOptions());
}

export function createRule(body: CreateRuleBody): Promise<ClassificationRuleCreatedDto> {
  return apiSend('POST', '/classification-rules', body);
}

export function deleteRule(id: string): Promise<ReclassifiedDto> {
  return apiSend('DELETE', `/classification-rules/${encodeURIComponent(id)}`);
}

/**
 * A rule re-classifies stored findings: every findings list and metric may have changed, so all cached
 * answers but the session are dropped, not only the rule list.
 */
function useRefreshAfterRuleChange() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
}

export function useCreateRule() {
  const refresh = useRefreshAfterRuleChange();
  return useMutation({ mutationFn: createRule, onSuccess: refresh });
}

export function useDeleteRule() {
  const refresh = useRefreshAfterRuleChange();
  return useMutation({ mutationFn: deleteRule, onSuccess: refresh });
}
