import type { DatabaseKind } from './data-source';

/** What the running app knows about its database, for health and for decisions such as seeding. */
export class DatabaseInfo {
  constructor(readonly kind: DatabaseKind) {}
}
