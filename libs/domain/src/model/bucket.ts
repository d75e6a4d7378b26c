export const TIME_BUCKETS = ['week', 'month', 'quarter'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export const ESCAPE_RATE_GROUPINGS = ['class', 'team', 'service', 'severity'] as const;
export type EscapeRateGrouping = (typeof ESCAPE_RATE_GROUPINGS)[number];
