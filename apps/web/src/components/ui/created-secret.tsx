import { useState, type ReactNode } from 'react';

interface CreatedSecretProps {
  /** What the secret is, e.g. "API token" or "One-time password". */
  label: string;
  value: string;
  warning: string;
  onDone: () => void;
  testId?: string;
  /** What was created and where the secret goes, shown above it. */
  intro?: ReactNode;
}

/**
 * A just-created token or password the server will never show again: displayed once, with a copy button
 * and a warning, until the person says they have stored it. Nothing keeps it after that.
 */
export function CreatedSecret({ intro, ...secret }: CreatedSecretProps) {
  if (intro === undefined) return <OneTimeSecret {...secret} />;
  return (
    <div className="stacked-form">
      <p>{intro}</p>
      <OneTimeSecret {...secret} />
    </div>
  );
}

function OneTimeSecret({ label, value, warning, onDone, testId = 'one-time-secret' }: Omit<CreatedSecretProps, 'intro'>) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <div className="one-time-secret" role="region" aria-label={label} data-testid={testId}>
      <p className="one-time-warning">
        <strong>Copy it now.</strong> {warning}
      </p>
      <div className="one-time-value">
        <code data-testid={`${testId}-value`}>{value}</code>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            // The clipboard needs a secure context; without one the person selects the text by hand.
            navigator.clipboard?.writeText(value).then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            ) ?? setCopied('failed');
          }}
        >
          Copy
        </button>
      </div>
      <p className="form-status" role="status">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
      </p>
      <div>
        <button type="button" className="button" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
