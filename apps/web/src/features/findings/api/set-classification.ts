import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FindingClass } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { FINDINGS_KEY } from './get-findings';

export interface ClassificationOverride {
  findingClass: FindingClass;
  reason: string;
}

/** A person decides the class; the API audits it and keeps it over rules and re-imports. */
export function overrideClassification(id: string, override: ClassificationOverride): Promise<void> {
  return apiSend('PUT', `/findings/${encodeURIComponent(id)}/classification`, override);
}

/** Hands the class back to the rules. */
export function clearClassificationOverride(id: string): Promise<void> {
  return apiSend('DELETE', `/findings/${encodeURIComponent(id)}/classification`);
}

/**
 * A class change moves the finding between chart series and list filters, so every findings query
 * and every metric is refetched, not only the detail on screen.
 */
function useRefreshAfterClassification() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: FINDINGS_KEY }), queryClient.invalidateQueries({ queryKey: ['metrics'] })]);
}

export function useOverrideClassification(id: string) {
  const refresh = useRefreshAfterClassification();
  return useMutation({
    mutationFn: (override: ClassificationOverride) => overrideClassification(id, override),
    onSuccess: refresh,
  });
}

export function useClearClassificationOverride(id: string) {
  const refresh = useRefreshAfterClassification();
  return useMutation({
    mutationFn: () => clearClassificationOverride(id),
    onSuccess: refresh,
  });
}
