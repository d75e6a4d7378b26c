/** One entry of the append-only audit log. */
export interface AuditEvent {
  /** Increasing with time. */
  id: string;
  at: string;
  /** `user:<email>`, `token:<name>`, `cli:<account>@<host>` or `system`. */
  actor: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}
