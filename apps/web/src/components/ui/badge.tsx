import type { ReactNode } from 'react';

/**
 * A short coloured label. `tone` picks the colour from the stylesheet (`badge-<tone>`), so severities,
 * classes and gaps look the same on every page.
 */
export function Badge({ tone, children, title }: { tone: string; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
