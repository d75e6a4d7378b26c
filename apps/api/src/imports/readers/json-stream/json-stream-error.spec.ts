import { unexpectedCharacter, JsonStreamError } from './json-stream-error';

describe(JsonStreamError.name, () => {
  it('names the line, column and pointer in its message and keeps them as fields', () => {
    const sut = new JsonStreamError({ kind: 'syntax', problem: 'Unexpected character "}"', line: 12, column: 5, pointer: '/runs/0/results/3/level', detail: 'expected a value' });
    expect(sut.message).toBe('Unexpected character "}" at line 12, column 5 (in /runs/0/results/3/level): expected a value');
    expect(sut).toMatchObject({ name: 'JsonStreamError', kind: 'syntax', line: 12, column: 5, pointer: '/runs/0/results/3/level' });
    expect(sut).toBeInstanceOf(Error);
  });

  it('leaves out the pointer for the root and the detail when there is none', () => {
    const sut = new JsonStreamError({ kind: 'depth', problem: 'Nesting deeper than 2 levels', line: 1, column: 3, pointer: '' });
    expect(sut.message).toBe('Nesting deeper than 2 levels at line 1, column 3');
  });
});

describe(unexpectedCharacter.name, () => {
  it('shows the character as JSON would write it, so invisible ones are visible', () => {
    const sut = unexpectedCharacter;
    expect(sut(0x7d)).toBe('Unexpected character "}"');
    expect(sut(0x0a)).toBe('Unexpected character "\\n"');
    expect(sut(0x22)).toBe('Unexpected character "\\""');
    expect(sut(0x1f600)).toBe('Unexpected character "😀"');
  });
});
