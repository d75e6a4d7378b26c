import { useMutation } from '@tanstack/react-query';
import type { PasswordResetDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { useRefreshUsers } from './get-users';

/** A new one-time password, shown once; the person must replace it at their next login. */
export function resetPassword(id: string): Promise<PasswordResetDto> {
  return apiSend('POST', `/users/${encodeURIComponent(id)}/password-reset`);
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword, onSuccess: useRefreshUsers() });
}
