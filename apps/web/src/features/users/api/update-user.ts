import { useMutation } from '@tanstack/react-query';
import type { Role, UserDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { useRefreshUsers } from './get-users';

export interface UserUpdate {
  role?: Role;
  teamIds?: string[];
  disabled?: boolean;
}

export function updateUser(id: string, update: UserUpdate): Promise<UserDto> {
  return apiSend('PATCH', `/users/${encodeURIComponent(id)}`, update);
}

export function useUpdateUser() {
  return useMutation({ mutationFn: ({ id, update }: { id: string; update: UserUpdate }) => updateUser(id, update), onSuccess: useRefreshUsers() });
}
