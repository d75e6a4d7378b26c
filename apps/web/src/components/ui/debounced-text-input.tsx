import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

interface DebouncedTextInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string | null;
  onCommit: (value: string | null) => void;
  /** Quiet time after the last keystroke before the value is committed. */
  delayMs?: number;
}

/**
 * A text filter that commits when typing pauses or on Enter, not on every keystroke: each commit is a
 * URL change, a history entry and a request.
 */
export function DebouncedTextInput({ value, onCommit, delayMs = 400, onKeyDown, ...rest }: DebouncedTextInputProps) {
  const [draft, setDraft] = useState(value ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The URL can change from elsewhere (Reset, the Back button): show what it now says.
  useEffect(() => setDraft(value ?? ''), [value]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const commit = (next: string) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const trimmed = next.trim() || null;
    if (trimmed !== value) onCommit(trimmed);
  };

  return (
    <input
      {...rest}
      value={draft}
      onChange={(event) => {
        const next = event.target.value;
        setDraft(next);
        if (timer.current !== null) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(next), delayMs);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit(draft);
        }
        onKeyDown?.(event);
      }}
    />
  );
}
