import fc from 'fast-check';

/** Ways a file goes wrong in transit or in a buggy tool: cut short, bytes changed, pieces dropped or injected. */
export function mutatedText(original: string): fc.Arbitrary<string> {
  const at = fc.integer({ min: 0, max: Math.max(0, original.length - 1) });
  const junk = fc.oneof(
    fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', 'null', '-1e999', '"\ud800"', '\n', '=cmd|x', '{"__proto__":{"x":1}}'),
    fc.string({ maxLength: 8 }),
  );
  return fc.oneof(
    at.map((i) => original.slice(0, i)),
    fc.tuple(at, junk).map(([i, s]) => original.slice(0, i) + s + original.slice(i + 1)),
    fc.tuple(at, junk).map(([i, s]) => original.slice(0, i) + s + original.slice(i)),
    fc.tuple(at, fc.integer({ min: 1, max: 200 })).map(([i, n]) => original.slice(0, i) + original.slice(i + n)),
  );
}

/** Structurally valid JSON with one value somewhere replaced by a value of another type or shape. */
export function mutatedJson(original: unknown): fc.Arbitrary<string> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(original, []);
  const replacement = fc.oneof(
    fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, '', 'x'.repeat(5000), [], {}, [[[[[]]]]], { level: 'error' }),
    fc.string(),
    fc.integer(),
  );
  return fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), replacement).map(([path, value]) => {
    const copy = structuredClone(original) as Record<string | number, unknown>;
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    target[path[path.length - 1]] = value;
    return JSON.stringify(copy);
  });
}
