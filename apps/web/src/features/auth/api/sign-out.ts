import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiSend } from '../../../lib/api-client';
import { storeSession } from './get-session';

export async function signOut(): Promise<void> {
  try {
    await apiSend('POST', '/auth/logout');
  } catch (error) {
    // A session that already ended is as signed out as it gets.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signOut, onSettled: () => storeSession(queryClient, null) });
}
