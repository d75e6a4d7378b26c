import type { ReactNode } from 'react';

export interface ConfirmButtonProps {
  /** The quiet button that asks first: "Revoke", "Delete". */
  children: ReactNode;
  /** The question, read by a screen reader when the choice opens: "Delete this rule?". */
  question: string;
  /** The destructive button that does it: "Revoke ci-payments". */
  confirmLabel: ReactNode;
  /** What doing it breaks, beside the choice. */
  warning?: ReactNode;
  /** Whether the choice is open; the parent holds it, so that one row of a table asks at a time. */
  open: boolean;
  pending: boolean;
  onOpen: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}

/** A destructive action that asks once more before it is done, with a way back. */
export function ConfirmButton({ children, question, confirmLabel, warning, open, pending, onOpen, onCancel, onConfirm }: ConfirmButtonProps) {
  if (!open) {
    return (
      <button type="button" className="button button-quiet" onClick={onOpen}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      {warning && <span className="small">{warning}</span>}
      <button type="button" className="button button-danger" disabled={pending} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" className="button button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
