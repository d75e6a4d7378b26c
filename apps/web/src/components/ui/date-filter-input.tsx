import { useEffect, useState } from 'react';
import { isPlausibleFilterDate } from '../../lib/iso-date';

interface DateFilterInputProps {
  id: string;
  value: string | null;
  min?: string | null;
  max?: string | null;
  onCommit: (value: string | null) => void;
}

/**
 * A date input that holds what is being typed and commits only a cleared field or a plausible date.
 * A plain controlled input would either commit every keystroke or snap back while a year is typed.
 */
export function DateFilterInput({ id, value, min, max, onCommit }: DateFilterInputProps) {
  const [draft, setDraft] = useState(value ?? '');

  // The URL can change from elsewhere (Reset, the Back button): show what it now says.
  useEffect(() => setDraft(value ?? ''), [value]);

  return (
    <input
      id={id}
      type="date"
      value={draft}
      min={min ?? undefined}
      max={max ?? undefined}
      onChange={(event) => {
        const next = event.target.value;
        setDraft(next);
        if (next === '' ? value !== null : isPlausibleFilterDate(next) && next !== value) onCommit(next || null);
      }}
    />
  );
}
