import type { ApiPropertyOptions } from '@nestjs/swagger';
import { DETECTION_STAGES, SEVERITIES } from '@escapement/domain';

type ValueSchema = { type: 'number' | 'string' | 'boolean' | 'integer'; nullable?: boolean; description?: string };

/**
 * Schemas of the records the domain keys by a closed set of names (`Record<DetectionStage, number>`):
 * one required property per name, so that clients see every key the API always sends.
 */
export function keyedBy(keys: readonly string[], value: ValueSchema, description?: string): ApiPropertyOptions {
  return { type: 'object', properties: Object.fromEntries(keys.map((key) => [key, { ...value }])), required: [...keys], selfRequired: true, ...(description ? { description } : {}) };
}

export const byStage = (value: ValueSchema, description?: string) => keyedBy(DETECTION_STAGES, value, description);
export const bySeverity = (value: ValueSchema, description?: string) => keyedBy(SEVERITIES, value, description);
