import { useMutation } from '@tanstack/react-query';
import type { AdoptionDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import type { AdoptionEdit } from '../adoption-form';

/** Corrects the practice or the start date; the API audits the change. */
export function updateAdoption(id: string, changes: Partial<AdoptionEdit>): Promise<AdoptionDto> {
  return apiSend<AdoptionDto>('PATCH', `/adoptions/${encodeURIComponent(id)}`, changes);
}

/** The practice stopped on `retiredAt`: the adoption is kept, with its end, never deleted. */
export function retireAdoption(id: string, retiredAt: string): Promise<AdoptionDto> {
  return apiSend<AdoptionDto>('POST', `/adoptions/${encodeURIComponent(id)}/retire`, { retiredAt });
}

/** `onChanged` lets the page refresh the adoption list, whose query key this feature does not own. */
export function useUpdateAdoption(onChanged: () => Promise<unknown> | void) {
  return useMutation({ mutationFn: ({ id, changes }: { id: string; changes: Partial<AdoptionEdit> }) => updateAdoption(id, changes), onSuccess: onChanged });
}

export function useRetireAdoption(onChanged: () => Promise<unknown> | void) {
  return useMutation({ mutationFn: ({ id, retiredAt }: { id: string; retiredAt: string }) => retireAdoption(id, retiredAt), onSuccess: onChanged });
}
