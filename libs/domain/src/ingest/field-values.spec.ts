import { capLength, oneLine, parseSeverity, parseStage, parseStatus } from './field-values';

describe(parseSeverity.name, () => {
  const sut = parseSeverity;

  it('reads what people type when lenient', () => {
    expect(sut(' High ', true)).toBe('high');
    expect(sut('Informational', true)).toBe('info');
    expect(sut('urgent', true)).toBeNull();
  });

  it('takes only the exact words when strict', () => {
    expect(sut('high', false)).toBe('high');
    expect(sut('High', false)).toBeNull();
    expect(sut('informational', false)).toBeNull();
  });
});

describe(parseStage.name, () => {
  it('treats spaces and hyphens as underscores when lenient', () => {
    expect(parseStage('Pre-release', true)).toBe('pre_release');
    expect(parseStage('code review', true)).toBe('code_review');
    expect(parseStage('pre-release', false)).toBeNull();
  });
});

describe(parseStatus.name, () => {
  it('reads "False positive" as false_positive', () => {
    expect(parseStatus('False positive', true)).toBe('false_positive');
  });
});

describe(oneLine.name, () => {
  it('trims and collapses white space, line breaks included', () => {
    expect(oneLine('  a\n\tb   c ')).toBe('a b c');
  });
});

describe(capLength.name, () => {
  it('leaves short text alone and cuts long text to the limit with an ellipsis', () => {
    expect(capLength('abc', 3)).toBe('abc');
    expect(capLength('abcdef', 4)).toBe('abc…');
  });

  it('does not split a surrogate pair', () => {
    const capped = capLength('ab🔐cd', 4);
    expect(capped).toBe('ab…');
  });
});
