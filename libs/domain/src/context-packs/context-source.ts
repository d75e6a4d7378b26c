import type { ContextModelRef, PastEscapeDto } from '../api/context';
import type { ModelComponent, ModelThreat, ModelTrustBoundary, ModelTrustZone } from '../threat-models/threat-model';

/** The latest version of a service's threat model and the escapes of its components: what packs are cut from. */
export interface ContextSource {
  service: string;
  model: ContextModelRef;
  components: ModelComponent[];
  threats: ModelThreat[];
  trustZones: ModelTrustZone[];
  trustBoundaries: ModelTrustBoundary[];
  /** Escaped findings linked to components of the model, most recent first. */
  escapes: PastEscapeDto[];
  /** Escaped findings per component key, in all (the list above may be limited). */
  escapeCounts: Record<string, number>;
}

/** Which part of the model a request is about. */
export interface ContextRequest {
  /** Repository-relative file paths, matched by the components' path rules. */
  paths: string[];
  /** Component keys or names, chosen directly. */
  components: string[];
  /** When given, components' repository rules must match it too; otherwise they are not checked (the service is named). */
  repo: string | null;
  changeRef: string | null;
}
