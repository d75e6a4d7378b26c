/** How to import a model, for the empty states: the command, and the formats the API reads. */
export function ImportHint() {
  return (
    <>
      <p>Import a threat model for a service, with the date from which it describes the system:</p>
      <pre className="code">
        <code>{'curl -X POST "$URL/api/v1/threat-models?service=payments-api&effectiveFrom=2026-01-01" --data-binary @model.yaml'}</code>
      </pre>
      <p className="muted small">
        Formats: Open Threat Model JSON or YAML, OWASP Threat Dragon v2 JSON, Threagile YAML, and Escapement&apos;s native YAML (see docs/threat-models.md).
        Import again for a new version; earlier versions are kept.
      </p>
    </>
  );
}
