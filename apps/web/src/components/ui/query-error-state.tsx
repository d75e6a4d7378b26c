import { ApiError } from '../../lib/api-client';
import { StateMessage } from './state-message';

interface QueryErrorStateProps {
  /** What failed to load, as it reads after "Could not load": "the findings". */
  what: string;
  error: Error;
  retrying: boolean;
  onRetry: () => void;
}

/** A failed request in place of its content: what failed, the server's reason, and a way to try again. */
export function QueryErrorState({ what, error, retrying, onRetry }: QueryErrorStateProps) {
  return (
    <StateMessage
      testId="state-error"
      tone="error"
      title={error instanceof ApiError ? `Could not load ${what}: ${error.title}` : `Could not load ${what}`}
      action={
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      }
    >
      <p>{error.message}</p>
    </StateMessage>
  );
}
