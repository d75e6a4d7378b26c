import { detectFormat } from './detect-format';

describe(detectFormat.name, () => {
  const sut = detectFormat;

  it.each([
    ['a SARIF $schema', '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0", "runs": []}'],
    ['version 2.1.0 with runs', '{"version":"2.1.0","runs":[{"tool":'],
    ['runs holding a tool, with the version past the head', '{\n "runs": [\n  {\n   "tool": {\n    "driver": {"name": "nodejsscan"'],
    ['a BOM and white space first', '\uFEFF \n{"version": "2.1.0-rtm.5", "runs": ['],
  ])('says sarif for %s', (_, head) => {
    expect(sut(head)).toBe('sarif');
  });

  it.each([
    ['an array', '[{"title": "IDOR", "severity": "high"'],
    ['an object with findings', '{"findings": [{"title":'],
    ['an object with findings after other members', '{"$schema": "https://escapement.dev/findings.json", "findings": ['],
  ])('says json for %s', (_, head) => {
    expect(sut(head)).toBe('json');
  });

  it.each([
    ['a comma header', 'title,severity,cwe\nIDOR,high,639'],
    ['a semicolon header with quotes and a BOM', '\uFEFF"Title";"Severity"\r\n'],
    ['a header whose title column is not first', 'severity,Title\n'],
  ])('says csv for %s', (_, head) => {
    expect(sut(head)).toBe('csv');
  });

  it('says null when nothing fits', () => {
    expect(sut('{"name": "package", "version": "1.0.0"}')).toBeNull();
    expect(sut('<?xml version="1.0"?><report/>')).toBeNull();
    expect(sut('name,severity\nx,high')).toBeNull();
  });

  it('lets the file name decide only what the content leaves open', () => {
    expect(sut('{"name": "x"}', 'scan.sarif')).toBe('sarif');
    expect(sut('{"name": "x"}', 'findings.json')).toBe('json');
    expect(sut('{"name": "x"}', 'findings.csv')).toBeNull();
    expect(sut('title,severity\n', 'results.sarif')).toBe('csv');
    expect(sut('', 'empty.csv')).toBe('csv');
  });
});
