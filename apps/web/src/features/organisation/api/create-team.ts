import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeamDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { getTeamsQueryOptions } from './get-teams';

export function createTeam(name: string): Promise<TeamDto> {
  return apiSend<TeamDto>('POST', '/teams', { name });
}

/** A created team refreshes the team list everywhere it is shown (filters, forms, the organisation page). */
export function useCreateTeam(onCreated?: (team: TeamDto) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTeam,
    onSuccess: async (team) => {
      await queryClient.invalidateQueries({ queryKey: getTeamsQueryOptions().queryKey });
      onCreated?.(team);
    },
  });
}
