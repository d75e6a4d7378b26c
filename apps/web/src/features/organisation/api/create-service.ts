import { useMutation } from '@tanstack/react-query';
import type { ServiceDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { serviceRequest, type ServiceDraft } from '../organisation-forms';

export function createService(draft: ServiceDraft): Promise<ServiceDto> {
  return apiSend<ServiceDto>('POST', '/services', serviceRequest(draft));
}

/** `onCreated` lets the page refresh the lists it shows, whose query keys this feature does not own. */
export function useCreateService(onCreated: (service: ServiceDto) => Promise<unknown> | void) {
  return useMutation({ mutationFn: createService, onSuccess: onCreated });
}
