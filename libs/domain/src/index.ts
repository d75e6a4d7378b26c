export * from './model/detection-stage';
export * from './model/finding';
export * from './model/bucket';
export * from './statistics/wilson-interval';
export * from './api/escape-rate';
export * from './api/resources';
