import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthSessionDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { storeSession } from './get-session';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** The API ends every session of the person and opens a new one: its cookie and CSRF token replace the old. */
export function changePassword(change: PasswordChange): Promise<AuthSessionDto> {
  return apiSend<AuthSessionDto>('POST', '/auth/password', change);
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: changePassword, onSuccess: (session) => storeSession(queryClient, session) });
}
