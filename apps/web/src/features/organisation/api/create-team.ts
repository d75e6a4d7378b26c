import { useMutation } from '@tanstack/react-query';
import type { TeamDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';

export function createTeam(name: string): Promise<TeamDto> {
  return apiSend<TeamDto>('POST', '/teams', { name });
}

/** `onCreated` lets the page refresh the lists it shows, whose query keys this feature does not own. */
export function useCreateTeam(onCreated: (team: TeamDto) => Promise<unknown> | void) {
  return useMutation({ mutationFn: createTeam, onSuccess: onCreated });
}
