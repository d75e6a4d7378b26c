import { ImportsPanel } from '../../features/imports/components/imports-panel';

/** Every upload of findings: when, from where, what it changed, and why a failed one failed. */
export function ImportsPage() {
  return (
    <>
      <title>Imports · Escapement</title>
      <div className="page-header">
        <h1>Imports</h1>
        <p className="muted">Scanner results and other findings posted by CI jobs and people, newest first.</p>
      </div>
      <ImportsPanel />
    </>
  );
}
