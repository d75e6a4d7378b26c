import fc from 'fast-check';
import YAML from 'yaml';
import { CSV_COLUMNS } from '@escapement/domain';

/**
 * Inputs a hostile or broken producer could send, shaped enough like each format to get past its first
 * checks: the values where parsers go wrong (huge and fractional numbers, NUL, lone surrogates, byte order
 * marks, path tricks, long and glob-like strings) put where each format reads them.
 */

const tricky = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '\r\n',
  '"',
  "'",
  ',',
  ';',
  '\t',
  '..',
  '../../etc/passwd',
  '%00',
  '%2e%2e/',
  'file:///etc/passwd',
  'C:\\x\\y.cs',
  '\\\\server\\share',
  '=cmd|x',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'CWE-79',
  'cwe-0',
  'CWE-99999999999',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '0001-01-01',
  `${'**/'.repeat(40)}x`,
  `${'*a'.repeat(30)}b`,
  '{a,b}/[!x]/?*',
  'x'.repeat(3000),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: tricky },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 0.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 1, 1e30, -1e30, 1e308, Number.MIN_VALUE, 10_000_000, 10_000_001),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/**
 * A value that is right for its place, or with odds 1 in `1 + weight` a hostile one. Rare enough that many
 * inputs are valid all through but one place, which is where a parser that checks too little lets a value
 * through; at 0 every value is valid.
 */
type Often = <T>(good: fc.Arbitrary<T>) => fc.Arbitrary<unknown>;
const sometimesHostile = (goodWeight: number): Often => (good) => (goodWeight === 0 ? good : fc.oneof({ weight: goodWeight, arbitrary: good }, { weight: 1, arbitrary: hostileValue }));
const often = sometimesHostile(40);
const some = <T>(item: fc.Arbitrary<T>, maxLength = 3, chance: Often = often) => chance(fc.array(item, { maxLength }));
const iso = fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const ruleId = often(fc.constantFrom('R1', 'R2', 'js/sql-injection', 'CVE-2020-36518'));

/** SARIF logs whose values are hostile with odds 1 in `1 + goodWeight` each (0: every value valid). */
function sarifLogs(goodWeight: number): fc.Arbitrary<string> {
  const o = sometimesHostile(goodWeight);
  const rid = o(fc.constantFrom('R1', 'R2', 'js/sql-injection', 'CVE-2020-36518'));
  const lvl = o(fc.constantFrom('error', 'warning', 'note', 'none'));
  const region = fc.record(
    { startLine: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 5000 }) }, { weight: 1, arbitrary: hostileNumber }), startColumn: hostileNumber, endLine: hostileNumber, snippet: o(fc.record({ text: hostileString })) },
    { requiredKeys: [] },
  );
  const artifactLocation = fc.record(
    { uri: o(fc.constantFrom('src/a.ts', 'file:///checkout/app/src/b.py', 'lib/x.jar', '%SRCROOT%/c.go')), uriBaseId: o(fc.constantFrom('SRCROOT', '%SRCROOT%', 'NOPE')), index: o(fc.integer({ min: -1, max: 5 })) },
    { requiredKeys: [] },
  );
  const sarifLocation = fc.record({ physicalLocation: o(fc.record({ artifactLocation: o(artifactLocation), region: o(region), contextRegion: o(region) }, { requiredKeys: [] })) }, { requiredKeys: [] });
  const toolComponentReference = fc.record({ name: o(fc.constant('CWE')), guid: hostileString }, { requiredKeys: [] });
  /** A reference to a CWE taxon by id (indexes are left to the hostile values: most would be out of range). */
  const cweReference = fc.record({ id: o(fc.integer({ min: 1, max: 1400 }).map(String)), toolComponent: o(toolComponentReference) }, { requiredKeys: ['id'] });
  const sarifResult = fc.record(
    {
      ruleId: rid,
      ruleIndex: o(fc.constant(-1)),
      kind: o(fc.constantFrom('fail', 'pass', 'open', 'review', 'notApplicable', 'informational')),
      level: lvl,
      message: o(fc.record({ text: hostileString, id: o(fc.constantFrom('default', 'm1')), arguments: some(hostileString, 3, o) }, { requiredKeys: ['text'] })),
      locations: some(sarifLocation, 3, o),
      analysisTarget: o(artifactLocation),
      partialFingerprints: o(fc.dictionary(fc.constantFrom('primaryLocationLineHash', 'x/v1', '__proto__'), hostileString, { maxKeys: 2 })),
      fingerprints: o(fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 2 })),
      baselineState: o(fc.constantFrom('new', 'unchanged', 'updated', 'absent', 'existing')),
      suppressions: some(fc.record({ kind: fc.constantFrom('inSource', 'external'), status: o(fc.constantFrom('accepted', 'underReview', 'rejected')) }, { requiredKeys: [] }), 3, o),
      properties: o(fc.record({ 'security-severity': o(fc.constantFrom('9.8', '0', '5.5')), tags: some(fc.oneof(fc.constantFrom('security', 'CWE-89'), hostileString), 3, o), cwe: hostileValue }, { requiredKeys: [] })),
      taxa: some(cweReference, 3, o),
      provenance: o(fc.record({ firstDetectionTimeUtc: o(iso) }, { requiredKeys: [] })),
    },
    { requiredKeys: ['message'] },
  );
  const sarifRule = fc.record(
    {
      id: rid,
      name: hostileString,
      shortDescription: o(fc.record({ text: hostileString })),
      fullDescription: o(fc.record({ text: hostileString, markdown: hostileString }, { requiredKeys: [] })),
      messageStrings: o(fc.dictionary(fc.constantFrom('default', 'm1'), fc.record({ text: hostileString }), { maxKeys: 2 })),
      defaultConfiguration: o(fc.record({ level: lvl }, { requiredKeys: [] })),
      properties: o(fc.record({ tags: some(fc.oneof(fc.constantFrom('security', 'external/cwe/cwe-639', 'CWE-79'), hostileString), 3, o), 'security-severity': o(fc.constantFrom('7.5', '0', '10', '3.1')), precision: hostileString }, { requiredKeys: [] })),
      relationships: some(fc.record({ target: o(cweReference), kinds: some(fc.constantFrom('superset', 'relevant', 'equal'), 3, o) }, { requiredKeys: ['target'] }), 3, o),
    },
    { requiredKeys: [] },
  );
  const toolComponent = fc.record({ name: o(fc.constantFrom('semgrep', 'CodeQL', 'dependency-check', 'Trivy')), rules: some(sarifRule, 4, o), version: hostileString }, { requiredKeys: ['name'] });
  const sarifRun = fc.record(
    {
      tool: o(fc.record({ driver: o(toolComponent), extensions: some(toolComponent, 2, o) }, { requiredKeys: ['driver'] })),
      results: o(fc.array(sarifResult, { minLength: 1, maxLength: 6 })),
      artifacts: some(fc.record({ location: o(artifactLocation) }, { requiredKeys: [] }), 3, o),
      originalUriBaseIds: o(fc.dictionary(fc.constantFrom('SRCROOT', 'A', 'B'), fc.record({ uri: o(fc.constantFrom('file:///src/', 'file:///checkout/')) }, { requiredKeys: [] }), { maxKeys: 3 })),
      taxonomies: some(fc.record({ name: o(fc.constantFrom('CWE', 'OWASP')), taxa: some(fc.record({ id: o(fc.integer({ min: 0, max: 2000 }).map(String)), name: hostileString }, { requiredKeys: [] }), 4, o) }, { requiredKeys: [] }), 2, o).map((taxonomies) => (Array.isArray(taxonomies) && taxonomies.length === 0 ? [{ name: 'CWE', taxa: [{ id: '79' }, { id: '89' }] }] : taxonomies)),
      versionControlProvenance: some(fc.record({ repositoryUri: hostileString, revisionId: hostileString, mappedTo: o(fc.record({ uriBaseId: fc.constantFrom('SRCROOT', 'A') })) }, { requiredKeys: [] }), 1, o),
      invocations: some(fc.record({ startTimeUtc: o(iso), endTimeUtc: o(iso), executionSuccessful: hostileValue }, { requiredKeys: [] }), 1, o),
    },
    { requiredKeys: ['tool', 'results'] },
  );
  return fc
    .record({ version: o(fc.constantFrom('2.1.0', '2.1.0', '2.1.0', '2.1.0-rtm.5')), $schema: hostileString, runs: o(fc.array(sarifRun, { minLength: 1, maxLength: 2 })) }, { requiredKeys: ['version', 'runs'] })
    .map((log) => JSON.stringify(log));
}

/**
 * SARIF logs: valid ones (every member the importer reads), valid ones with a few hostile edits, and
 * ones with hostile values scattered anywhere.
 */
export const sarifLog: fc.Arbitrary<string> = fc.oneof(
  sarifLogs(0),
  sarifLogs(0).chain((text) => editedDocument(JSON.parse(text), false)),
  sarifLogs(40),
);

const findingItem = fc.record(
  {
    service: often(fc.constantFrom('payments-api', 'fuzz-api')),
    sourceKind: often(fc.constantFrom('sast', 'pentest', 'bug_bounty', 'incident')),
    tool: hostileString,
    ruleId,
    title: often(fc.constantFrom('SQL injection', 'Missing authorization')),
    severity: often(fc.constantFrom('critical', 'high', 'medium', 'low', 'info')),
    cweIds: some(often(fc.integer({ min: 1, max: 1400 })), 4),
    location: often(fc.record({ repo: hostileString, path: hostileString, line: often(fc.integer({ min: 0, max: 100_000 })) }, { requiredKeys: [] })),
    fingerprint: hostileString,
    detectedAt: often(iso),
    introducedAt: often(iso),
    stage: often(fc.constantFrom('design', 'code_review', 'ci', 'pre_release', 'production')),
    status: often(fc.constantFrom('open', 'fixed', 'suppressed', 'false_positive', 'accepted_risk')),
    commit: hostileString,
  },
  { requiredKeys: [] },
);
/** A JSON findings file: an array, or `{ "findings": [...] }`. */
export const findingsJson: fc.Arbitrary<string> = fc
  .tuple(fc.array(findingItem, { maxLength: 5 }), fc.boolean())
  .map(([items, wrapped]) => JSON.stringify(wrapped ? { findings: items } : items));

const csvCell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('SQL injection', 'High', 'critical', 'payments-api', 'CWE-89; CWE-79', '42', 'pentest', 'ci', '2026-05-04', 'open', 'src/a.ts') },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileNumber.map(String) },
);
/** A spreadsheet with a header naming known (and unknown) columns, any delimiter, quoting and line ends. */
export const findingsCsv: fc.Arbitrary<string> = fc
  .record({
    columns: fc.shuffledSubarray([...CSV_COLUMNS, 'Title', 'Severity ', 'notes', ''], { minLength: 1, maxLength: 8 }),
    rows: fc.array(fc.array(csvCell, { maxLength: 9 }), { maxLength: 6 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    quote: fc.constantFrom('always', 'needed', 'never'),
    bom: fc.boolean(),
  })
  .map(({ columns, rows, delimiter, newline, quote, bom }) => {
    const cell = (text: string) =>
      quote === 'always' || (quote === 'needed' && /["\r\n,;\t]/.test(text)) ? `"${text.replace(/"/g, '""')}"` : text;
    const lines = [columns, ...rows].map((row) => row.map(cell).join(delimiter));
    return `${bom ? '\ufeff' : ''}${lines.join(newline)}`;
  });

/**
 * A real file with up to four edits: a value replaced by a hostile one, an array element repeated, a
 * value buried in nested arrays, or a member removed; written back as JSON or, where the format allows,
 * YAML. It keeps most of the file right, so the parser reads deep before it meets the problem.
 */
export function editedDocument(original: unknown, yaml: boolean): fc.Arbitrary<string> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
  };
  walk(original, []);
  const targets = paths.filter((p) => p.length > 0);
  const edit = fc.tuple(fc.constantFrom(...targets), fc.constantFrom('replace', 'repeat', 'bury', 'remove'), hostileValue, fc.integer({ min: 1, max: 60 }));
  return fc.tuple(fc.array(edit, { minLength: 1, maxLength: 4 }), yaml ? fc.boolean() : fc.constant(false)).map(([edits, asYaml]) => {
    const copy = structuredClone(original) as Record<string | number, unknown>;
    for (const [target, kind, value, count] of edits) {
      let parent: Record<string | number, unknown> | undefined = copy;
      for (const key of target.slice(0, -1)) parent = parent?.[key] as Record<string | number, unknown> | undefined;
      const key = target[target.length - 1];
      if (!parent || typeof parent !== 'object' || !(key in parent)) continue;
      if (kind === 'replace') parent[key] = value;
      else if (kind === 'remove') delete parent[key];
      else if (kind === 'bury') parent[key] = Array.from({ length: count }).reduce<unknown>((inner) => [inner], parent[key]);
      else if (Array.isArray(parent)) parent.splice(Number(key), 0, ...Array.from({ length: count }, () => structuredClone(parent![key])));
    }
    return asYaml ? YAML.stringify(copy) : JSON.stringify(copy);
  });
}

/** Bytes of any kind: not UTF-8, NUL, a BOM in the middle; every parser meets them before any structure. */
export const anyBytes: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 256 });
