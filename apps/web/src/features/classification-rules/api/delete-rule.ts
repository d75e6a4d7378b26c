import { useMutation } from '@tanstack/react-query';
import type { ReclassifiedDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { useRefreshAfterRuleChange } from './get-rules';

export function deleteRule(id: string): Promise<ReclassifiedDto> {
  return apiSend('DELETE', `/classification-rules/${encodeURIComponent(id)}`);
}

export function useDeleteRule() {
  return useMutation({ mutationFn: deleteRule, onSuccess: useRefreshAfterRuleChange() });
}
