import type { ImportCountsDto, ImportDto, ImportWarning, Page } from '@escapement/domain';

/** Whether any listed import is still being stored, so the list keeps asking until it is not. */
export function hasProcessing(pages: readonly Page<ImportDto>[]): boolean {
  return pages.some((page) => page.items.some((item) => item.status === 'processing'));
}

/** How long the server took, from receiving the file to storing its findings. */
export function importDuration(receivedAt: string, completedAt: string | null): string {
  if (completedAt === null) return '–';
  const ms = Date.parse(completedAt) - Date.parse(receivedAt);
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/**
 * The counts that say what an import changed, in reading order; zeros are left out except "received",
 * so "1,200 received · 1,195 new · 5 suppressed" says it all at a glance.
 */
export function countsSummary(counts: ImportCountsDto): { label: string; value: number }[] {
  const parts: { label: string; value: number }[] = [{ label: 'received', value: counts.received }];
  const rest: [keyof ImportCountsDto, string][] = [
    ['created', 'new'],
    ['updated', 'updated'],
    ['unchanged', 'unchanged'],
    ['suppressed', 'suppressed'],
    ['fixed', 'fixed'],
  ];
  for (const [key, label] of rest) if (counts[key] > 0) parts.push({ label, value: counts[key] });
  return parts;
}

/**
 * The problems of a failed import as lines. The API sends the problem list of the parser that
 * rejected the file; each entry usually has a JSON pointer or a CSV line and column, and a message.
 */
export function importProblems(error: ImportDto['error']): string[] {
  if (!error) return [];
  const lines = (error.errors ?? []).map((entry) => {
    if (entry === null || typeof entry !== 'object') return String(entry);
    const { pointer, line, column, message } = entry as { pointer?: unknown; line?: unknown; column?: unknown; message?: unknown };
    const place = [
      typeof pointer === 'string' && pointer !== '' ? pointer : null,
      typeof line === 'number' ? `line ${line}${typeof column === 'number' ? `, column ${column}` : ''}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const text = typeof message === 'string' ? message : JSON.stringify(entry);
    return place ? `${place}: ${text}` : text;
  });
  return [error.detail, ...lines];
}

/** What an import accepted but changed on the way in, one line each: where, then what. */
export function importWarnings(warnings: readonly ImportWarning[] | undefined): string[] {
  return (warnings ?? []).map(({ pointer, line, message }) => {
    const place = pointer !== undefined && pointer !== '' ? pointer : line !== undefined ? `line ${line}` : null;
    return place ? `${place}: ${message}` : message;
  });
}
