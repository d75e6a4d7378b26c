import { useMutation } from '@tanstack/react-query';
import type { AdoptionDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { adoptionRequest, type AdoptionDraft } from '../adoption-form';

export function createAdoption(draft: AdoptionDraft): Promise<AdoptionDto> {
  return apiSend<AdoptionDto>('POST', '/adoptions', adoptionRequest(draft));
}

/** `onCreated` lets the page refresh the adoption list, whose query key this feature does not own. */
export function useCreateAdoption(onCreated: (adoption: AdoptionDto) => Promise<unknown> | void) {
  return useMutation({ mutationFn: createAdoption, onSuccess: onCreated });
}
