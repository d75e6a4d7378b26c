import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserDto } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export function getUsers(signal?: AbortSignal): Promise<UserDto[]> {
  return apiGet<UserDto[]>('/users', undefined, { signal });
}

export function getUsersQueryOptions() {
  return queryOptions({ queryKey: ['users'], queryFn: ({ signal }) => getUsers(signal), staleTime: 0 });
}

export function useUsers() {
  return useQuery(getUsersQueryOptions());
}

/** Every change to an account refreshes the account list. */
export function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey });
}
