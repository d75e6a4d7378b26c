type Container = Record<string, unknown> | unknown[];

/**
 * Assembles taken values with JSON.parse semantics: plain objects and arrays, duplicate keys resolved in favour of
 * the last one. A `__proto__` key becomes an own data property (as JSON.parse's CreateDataProperty makes it)
 * instead of going through the inherited setter, which would swap the object's prototype for attacker data.
 */
export class ValueBuilder {
  private readonly open: Container[] = [];

  openContainer(isObject: boolean): void {
    this.open.push(isObject ? {} : []);
  }

  /** Adds a finished value to the innermost open container; `key` is ignored for arrays. */
  add(key: string | number | undefined, value: unknown): void {
    const target = this.open[this.open.length - 1];
    if (Array.isArray(target)) target.push(value);
    else setMember(target, key as string, value);
  }

  closeContainer(): unknown {
    return this.open.pop();
  }
}

export function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
