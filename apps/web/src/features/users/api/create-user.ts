import { useMutation } from '@tanstack/react-query';
import type { CreatedUserDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import type { UserDraft } from '../user-form';
import { useRefreshUsers } from './get-users';

/** The answer holds a one-time password, once; the person must replace it at first login. */
export function createUser(draft: UserDraft): Promise<CreatedUserDto> {
  return apiSend('POST', '/users', { email: draft.email.trim(), role: draft.role, teamIds: draft.teamIds });
}

export function useCreateUser() {
  return useMutation({ mutationFn: createUser, onSuccess: useRefreshUsers() });
}
