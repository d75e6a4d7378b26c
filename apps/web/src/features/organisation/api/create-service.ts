import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServiceDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { serviceRequest, type ServiceDraft } from '../organisation-forms';
import { getServicesQueryOptions } from './get-services';
import { getTeamsQueryOptions } from './get-teams';

export function createService(draft: ServiceDraft): Promise<ServiceDto> {
  return apiSend<ServiceDto>('POST', '/services', serviceRequest(draft));
}

/** A created service refreshes the service list, and the team list beside it. */
export function useCreateService(onCreated?: (service: ServiceDto) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createService,
    onSuccess: async (service) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: getServicesQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: getTeamsQueryOptions().queryKey }),
      ]);
      onCreated?.(service);
    },
  });
}
