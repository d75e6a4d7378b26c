import { parseDocument } from 'yaml';
import { mendQuotedScalarIndentation } from './quoted-scalar-indentation';

describe(mendQuotedScalarIndentation.name, () => {
  const sut = mendQuotedScalarIndentation;
  const read = (text: string) => parseDocument(text).toJS();

  it("indents a quoted scalar's lines that fall back to its key's indentation, keeping its value and line count", () => {
    const text = ['snippet:', "  code:", "    'void main() {", '    run();', "  }'", '  line: 3', ''].join('\n');
    expect(parseDocument(text).errors).not.toHaveLength(0);

    const mended = sut(text)!;
    expect(mended.split('\n')).toHaveLength(text.split('\n').length);
    expect(read(mended)).toEqual({ snippet: { code: 'void main() { run(); }', line: 3 } });
  });

  it('mends a value that starts on its key\'s line, in double quotes with escapes, and in a sequence', () => {
    const text = ['items:', '  - note: "a \\"quoted\\"', '  word"', '  - other', ''].join('\n');
    expect(read(sut(text)!)).toEqual({ items: [{ note: 'a "quoted" word' }, 'other'] });
    const single = ['a: \'it\'\'s', 'b\'', 'c: 1', ''].join('\n');
    expect(read(sut(single)!)).toEqual({ a: "it's b", c: 1 });
  });

  it('leaves alone what needs no mending: one-line and well-indented scalars, block scalars, comments', () => {
    expect(sut(['a: \'x\'', 'b: "y', '   z"', 'c: |', "  'not a quote", "d: 1 # 'neither", ''].join('\n'))).toBeNull();
  });

  it('leaves a quote that never closes for the YAML reader to report', () => {
    expect(sut(['a: \'open', 'b: 1', ''].join('\n'))).toBeNull();
  });
});
