import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConfirmButtonProps } from './confirm-button';

interface RowConfirmationOptions<TData> {
  /** Also done when a row starts asking: clearing the message of an earlier deletion, say. */
  onOpen?: () => void;
  /** After the mutation succeeded and the row stopped asking. */
  onDone?: (data: TData) => void;
}

/**
 * One row of a table at a time asks to confirm its destructive action, which is the mutation called with
 * the row's id. Opening clears the last attempt's error; success closes the question, failure keeps it open
 * so that the error shows beside the row that caused it. Spread `confirmation(row.id)` onto a ConfirmButton.
 */
export function useRowConfirmation<TData, TError, TContext>(
  mutation: UseMutationResult<TData, TError, string, TContext>,
  { onOpen, onDone }: RowConfirmationOptions<TData> = {},
): (row: string) => Pick<ConfirmButtonProps, 'open' | 'pending' | 'onOpen' | 'onCancel' | 'onConfirm'> {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (row) => ({
    open: confirming === row,
    pending: mutation.isPending,
    onOpen: () => {
      mutation.reset();
      onOpen?.();
      setConfirming(row);
    },
    onCancel: () => setConfirming(null),
    onConfirm: () =>
      mutation.mutate(row, {
        onSuccess: (data) => {
          setConfirming(null);
          onDone?.(data);
        },
      }),
  });
}
