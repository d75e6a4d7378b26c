/** A bad environment variable: the start stops with this message alone, no stack. */
export class ConfigError extends Error {}
