import { detectThreatModelFormat } from './detect-threat-model-format';
import { TEST_LIMITS } from './fixtures/limits';

describe(detectThreatModelFormat.name, () => {
  const sut = (text: string, fileName?: string) => detectThreatModelFormat(text, fileName, TEST_LIMITS);

  it.each([
    ['{"otmVersion": "0.2.0", "project": {}}', 'otm'],
    ['otmVersion: 0.2.0\nproject:\n  name: x\n', 'otm'],
    ['escapementThreatModel: 1\nname: x\n', 'native'],
    ['{"escapementThreatModel": 1, "name": "x"}', 'native'],
    ['{"version": "2.2.0", "summary": {"title": "x"}, "detail": {"diagrams": []}}', 'threat-dragon'],
    ['{"summary": {"titled": "x"}, "details": {}}', 'threat-dragon'],
    ['summary:\n  title: x\ndetail:\n  diagrams: []\n', 'threat-dragon'],
    ['threagile_version: 1.0.0\ntitle: x\n', 'threagile'],
  ] as const)('%s is %s', (text, format) => {
    expect(sut(text)).toBe(format);
  });

  it.each([
    ['{"otmVersion": "0.2.0", "project": {', 'otm'],
    ['escapementThreatModel: 1\nname: [unclosed\n', 'native'],
    ['{\n  "summary": { "title": "x" },\n  "detail": {,\n}', 'threat-dragon'],
    ['threagile_version: 1.0.0\ntitle: [unclosed\n', 'threagile'],
  ] as const)('tells the format of a file that does not parse: %s', (text, format) => {
    expect(sut(text)).toBe(format);
  });

  it('goes by the top level only', () => {
    expect(sut('components:\n  - otmVersion: 1\n')).toBeNull();
    expect(sut('{"findings": [{"summary": {"title": "x"}}]}')).toBeNull();
  });

  it('falls back to an .otm file name when the content does not tell', () => {
    expect(sut('{}', 'shop.otm.json')).toBe('otm');
    expect(sut('project: x\n', 'shop.otm.yaml')).toBe('otm');
    expect(sut('{}', 'shop.json')).toBeNull();
  });

  it('is null for what is no threat model at all', () => {
    expect(sut('')).toBeNull();
    expect(sut('title,severity\nx,high\n')).toBeNull();
    expect(sut('[1, 2, 3]')).toBeNull();
  });
});
