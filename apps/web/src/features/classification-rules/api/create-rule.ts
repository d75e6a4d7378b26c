import { useMutation } from '@tanstack/react-query';
import type { ClassificationRuleCreatedDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import type { CreateRuleBody } from '../rule-form';
import { useRefreshAfterRuleChange } from './get-rules';

export function createRule(body: CreateRuleBody): Promise<ClassificationRuleCreatedDto> {
  return apiSend('POST', '/classification-rules', body);
}

export function useCreateRule() {
  return useMutation({ mutationFn: createRule, onSuccess: useRefreshAfterRuleChange() });
}
