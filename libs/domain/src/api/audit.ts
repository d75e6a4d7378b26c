/** One entry of the append-only audit log, as `GET /api/v1/audit-events` lists it. */
export interface AuditEventDto {
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
