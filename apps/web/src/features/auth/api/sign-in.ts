import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthSessionDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import { storeSession } from './get-session';

export interface Credentials {
  email: string;
  password: string;
}

export function signIn(credentials: Credentials): Promise<AuthSessionDto> {
  return apiSend<AuthSessionDto>('POST', '/auth/login', credentials);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signIn, onSuccess: (session) => storeSession(queryClient, session) });
}
