export const TIME_BUCKETS = ['week', 'month', 'quarter'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export const ESCAPE_RATE_GROUPINGS = ['class', 'category', 'severity', 'layer', 'team', 'service', 'source', 'tool'] as const;
export type EscapeRateGrouping = (typeof ESCAPE_RATE_GROUPINGS)[number];
