import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { getTokensQueryOptions } from './get-tokens';

/** The token stops working at once; it stays listed as revoked for the record. */
export function revokeToken(id: string): Promise<void> {
  return apiSend('DELETE', `/tokens/${encodeURIComponent(id)}`);
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getTokensQueryOptions().queryKey }),
  });
}
