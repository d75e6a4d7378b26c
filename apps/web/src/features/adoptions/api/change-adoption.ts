import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdoptionDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import type { AdoptionEdit } from '../adoption-form';
import { getAdoptionsQueryOptions } from './get-adoptions';

/** Corrects the practice or the start date; the API audits the change. */
export function updateAdoption(id: string, changes: Partial<AdoptionEdit>): Promise<AdoptionDto> {
  return apiSend<AdoptionDto>('PATCH', `/adoptions/${encodeURIComponent(id)}`, changes);
}

/** The practice stopped on `retiredAt`: the adoption is kept, with its end, never deleted. */
export function retireAdoption(id: string, retiredAt: string): Promise<AdoptionDto> {
  return apiSend<AdoptionDto>('POST', `/adoptions/${encodeURIComponent(id)}/retire`, { retiredAt });
}

/** A changed adoption refreshes the adoption list (and the chart markers), then tells the caller. */
function useRefreshAdoptions(onChanged?: () => void) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: getAdoptionsQueryOptions().queryKey });
    onChanged?.();
  };
}

export function useUpdateAdoption(onChanged?: () => void) {
  const onSuccess = useRefreshAdoptions(onChanged);
  return useMutation({ mutationFn: ({ id, changes }: { id: string; changes: Partial<AdoptionEdit> }) => updateAdoption(id, changes), onSuccess });
}

export function useRetireAdoption(onChanged?: () => void) {
  const onSuccess = useRefreshAdoptions(onChanged);
  return useMutation({ mutationFn: ({ id, retiredAt }: { id: string; retiredAt: string }) => retireAdoption(id, retiredAt), onSuccess });
}
