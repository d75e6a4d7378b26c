import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedUserDto, PasswordResetDto, Role, UserDto } from '@escapement/domain';
import { apiGet, apiSend } from '../../../lib/api-client';
import type { UserDraft } from '../user-form';

export function getUsers(signal?: AbortSignal): Promise<UserDto[]> {
  return apiGet<UserDto[]>('/users', undefined, { signal });
}

export function getUsersQueryOptions() {
  return queryOptions({ queryKey: ['users'], queryFn: ({ signal }) => getUsers(signal), staleTime: 0 });
}

export function useUsers() {
  return useQuery(getUsersQueryOptions());
}

/** The answer holds a one-time password, once; the person must replace it at first login. */
export function createUser(draft: UserDraft): Promise<CreatedUserDto> {
  return apiSend('POST', '/users', { email: draft.email.trim(), role: draft.role, teamIds: draft.teamIds });
}

export interface UserUpdate {
  role?: Role;
  teamIds?: string[];
  disabled?: boolean;
}

export function updateUser(id: string, update: UserUpdate): Promise<UserDto> {
  return apiSend('PATCH', `/users/${encodeURIComponent(id)}`, update);
}

/** A new one-time password, shown once; the person must replace it at their next login. */
export function resetPassword(id: string): Promise<PasswordResetDto> {
  return apiSend('POST', `/users/${encodeURIComponent(id)}/password-reset`);
}

function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey });
}

export function useCreateUser() {
  return useMutation({ mutationFn: createUser, onSuccess: useRefreshUsers() });
}

export function useUpdateUser() {
  return useMutation({ mutationFn: ({ id, update }: { id: string; update: UserUpdate }) => updateUser(id, update), onSuccess: useRefreshUsers() });
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword, onSuccess: useRefreshUsers() });
}
