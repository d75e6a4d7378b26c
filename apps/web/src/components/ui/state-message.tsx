import type { ReactNode } from 'react';

interface StateMessageProps {
  testId: string;
  title: string;
  tone?: 'neutral' | 'error';
  children?: ReactNode;
  action?: ReactNode;
}

/** The place of a chart when there is nothing to draw: empty data or a failed request. */
export function StateMessage({ testId, title, tone = 'neutral', children, action }: StateMessageProps) {
  return (
    <div className={`state-message state-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <p className="state-title">{title}</p>
      {children}
      {action && <div className="state-action">{action}</div>}
    </div>
  );
}
