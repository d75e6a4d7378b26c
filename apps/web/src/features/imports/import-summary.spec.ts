import { countsSummary, hasProcessing, importDuration, importProblems, importWarnings } from './import-summary';
import type { ImportDto } from '@escapement/domain';

function item(status: ImportDto['status']): ImportDto {
  return {
    id: status,
    status,
    format: 'sarif',
    stage: 'ci',
    service: 'payments-api',
    fileName: 'results.sarif',
    bytes: 2048,
    sha256: null,
    repo: null,
    commit: null,
    fullScan: false,
    tools: ['semgrep'],
    receivedAt: '2026-01-01T10:00:00.000Z',
    completedAt: null,
    findings: { received: 0, created: 0, updated: 0, unchanged: 0, suppressed: 0, fixed: 0 },
    statusUrl: `/api/v1/imports/${status}`,
    warnings: [],
  };
}

describe(hasProcessing.name, () => {
  it('looks at every loaded page', () => {
    expect(
      hasProcessing([
        { items: [item('completed')], nextCursor: 'c' },
        { items: [item('processing')], nextCursor: null },
      ]),
    ).toBe(true);
    expect(hasProcessing([{ items: [item('completed'), item('failed')], nextCursor: null }])).toBe(false);
    expect(hasProcessing([])).toBe(false);
  });
});

describe(importDuration.name, () => {
  it('reads in the unit that fits', () => {
    expect(importDuration('2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.400Z')).toBe('400 ms');
    expect(importDuration('2026-01-01T10:00:00.000Z', '2026-01-01T10:00:02.500Z')).toBe('2.5 s');
    expect(importDuration('2026-01-01T10:00:00.000Z', '2026-01-01T10:02:00.000Z')).toBe('2 min');
    expect(importDuration('2026-01-01T10:00:00.000Z', '2026-01-01T10:02:05.000Z')).toBe('2 min 5 s');
  });

  it('gives a dash while processing or for clocks that disagree', () => {
    expect(importDuration('2026-01-01T10:00:00.000Z', null)).toBe('–');
    expect(importDuration('2026-01-01T10:00:01.000Z', '2026-01-01T10:00:00.000Z')).toBe('–');
  });
});

describe(countsSummary.name, () => {
  it('keeps received and the counts that are not zero', () => {
    expect(countsSummary({ received: 1660, created: 1495, updated: 0, unchanged: 0, suppressed: 3, fixed: 0 })).toEqual([
      { label: 'received', value: 1660 },
      { label: 'new', value: 1495 },
      { label: 'suppressed', value: 3 },
    ]);
  });
});

describe(importProblems.name, () => {
  it('places each problem by pointer or line', () => {
    const sut = importProblems({
      detail: 'The SARIF log is not valid',
      errors: [
        { pointer: '/runs/0/results/3/level', message: 'must be one of error, warning, note, none' },
        { line: 4, column: 2, message: 'severity is required' },
        'odd entry',
      ],
    });
    expect(sut).toEqual([
      'The SARIF log is not valid',
      '/runs/0/results/3/level: must be one of error, warning, note, none',
      'line 4, column 2: severity is required',
      'odd entry',
    ]);
  });

  it('is empty without an error', () => {
    expect(importProblems(undefined)).toEqual([]);
    expect(importProblems(null)).toEqual([]);
  });
});

describe(importWarnings.name, () => {
  it('puts where before what: a pointer, else a line', () => {
    expect(
      importWarnings([
        { code: 'artifact_index_out_of_range', pointer: '/runs/0/results/5/locations/0/physicalLocation/artifactLocation/index', message: '3 is out of range' },
        { code: 'invalid_utf8_replaced', line: 7, message: '2 byte sequences are not UTF-8' },
        { code: 'more_warnings', message: '4 more warnings not listed' },
      ]),
    ).toEqual([
      '/runs/0/results/5/locations/0/physicalLocation/artifactLocation/index: 3 is out of range',
      'line 7: 2 byte sequences are not UTF-8',
      '4 more warnings not listed',
    ]);
  });

  it('is empty for an import without warnings, or from a server that does not send them', () => {
    expect(importWarnings([])).toEqual([]);
    expect(importWarnings(undefined)).toEqual([]);
  });
});
