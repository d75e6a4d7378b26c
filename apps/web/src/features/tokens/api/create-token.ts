import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import type { CreateTokenBody } from '../token-form';
import type { CreatedTokenDto } from '@escapement/domain';
import { getTokensQueryOptions } from './get-tokens';

/** The answer holds the secret, once: the server keeps only its hash. */
export function createToken(body: CreateTokenBody): Promise<CreatedTokenDto> {
  return apiSend<CreatedTokenDto>('POST', '/tokens', body);
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getTokensQueryOptions().queryKey }),
  });
}
