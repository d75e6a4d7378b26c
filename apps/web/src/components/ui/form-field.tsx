import { cloneElement, useId, type ReactElement } from 'react';

interface FormFieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** One input, select or textarea; it gets the id, the invalid flag and the description wiring. */
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

/**
 * A labelled control with its hint and its error beside it. The error is tied to the control with
 * aria-describedby, so a screen reader reads it when the control takes focus.
 */
export function FormField({ label, hint, error, children }: FormFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <p id={`${id}-error`} className="field-errors">
          {error}
        </p>
      )}
    </div>
  );
}

/** Messages that belong to no field: the server's refusal, a conflict, a lost connection. */
export function FormErrorSummary({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-error" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
