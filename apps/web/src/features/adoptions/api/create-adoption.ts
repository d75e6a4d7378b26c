import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdoptionDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { adoptionRequest, type AdoptionDraft } from '../adoption-form';
import { getAdoptionsQueryOptions } from './get-adoptions';

export function createAdoption(draft: AdoptionDraft): Promise<AdoptionDto> {
  return apiSend<AdoptionDto>('POST', '/adoptions', adoptionRequest(draft));
}

/** A recorded adoption refreshes the adoption list, and so the markers on every escape-rate chart. */
export function useCreateAdoption(onCreated?: (adoption: AdoptionDto) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAdoption,
    onSuccess: async (adoption) => {
      await queryClient.invalidateQueries({ queryKey: getAdoptionsQueryOptions().queryKey });
      onCreated?.(adoption);
    },
  });
}
