import { InputError } from '../ingest/parsed-finding';
import { ProblemList } from '../ingest/problem-list';
import { readSourceText, throwLocatedIfAny } from './source-text';
import { TEST_LIMITS } from './fixtures/limits';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe(readSourceText.name, () => {
  const sut = (text: string, fileName?: string) => readSourceText(text, fileName, TEST_LIMITS);

  it('reads JSON as JSON, YAML as YAML, and a byte-order mark as nothing', () => {
    expect(sut('{"a": [1, 2]}')).toMatchObject({ syntax: 'json', root: { a: [1, 2] } });
    expect(sut('\uFEFF  [1]')).toMatchObject({ syntax: 'json', root: [1] });
    expect(sut('a:\n  - 1\n  - 2\n')).toMatchObject({ syntax: 'yaml', root: { a: [1, 2] } });
  });

  it('takes a .json name as JSON even when the text does not start like it', () => {
    expect(problemsOf(() => sut('a: 1', 'model.json'))[0].message).toMatch(/^is not valid JSON/);
  });

  it('reads YAML 1.2, where "no" and dates stay strings', () => {
    expect(sut('answer: no\nwhen: 2026-01-02\n').root).toEqual({ answer: 'no', when: '2026-01-02' });
  });

  it('reads an empty file as null, for the parser to reject', () => {
    expect(sut('').root).toBeNull();
    expect(sut('# only a comment\n').root).toBeNull();
  });

  it('rejects what YAML allows but JSON does not, in a file that is JSON', () => {
    const [problem] = problemsOf(() => sut('{\n  "a": 1,\n}'));
    expect(problem).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/^is not valid JSON/) });
  });

  it('places a JSON syntax error at its line and column', () => {
    const [problem] = problemsOf(() => sut('{\n  "a": 1,\n  "b" 2\n}'));
    expect(problem).toMatchObject({ line: 3, column: 7 });
  });

  describe('nesting', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

    it('reads JSON and YAML as deep as the limit', () => {
      expect(sut(nested(64)).root).toBeInstanceOf(Array);
      expect(sut(`a: ${nested(63)}`).root).toMatchObject({ a: expect.any(Array) });
    });

    it('refuses JSON one level deeper, at the bracket that goes too deep, before parsing it', () => {
      const [problem] = problemsOf(() => sut(`{\n  "a": ${nested(64)}}`));
      expect(problem).toMatchObject({ line: 2, column: 71, message: expect.stringMatching(/deeper than 64 levels/) });
    });

    it('refuses a 2 MB file of nested arrays at once, as JSON and as YAML flow collections', () => {
      expect(problemsOf(() => sut(nested(1_000_000)))[0]).toMatchObject({ line: 1, column: 65 });
      expect(problemsOf(() => sut(`a: ${nested(1_000_000)}`))[0]).toMatchObject({ line: 1, column: 68 });
    });

    it('does not count brackets inside strings, in either syntax', () => {
      expect(sut(`["${'['.repeat(100)}"]`).root).toEqual(['['.repeat(100)]);
      expect(sut(`a: "${'['.repeat(100)}"\nb: x${'{'.repeat(100)}\n`).root).toEqual({ a: '['.repeat(100), b: `x${'{'.repeat(100)}` });
    });

    it('refuses YAML nested too deep in block style, at the collection that goes too deep', () => {
      const lines = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`);
      const [problem] = problemsOf(() => sut(`${lines.join('\n')} x\n`));
      expect(problem).toMatchObject({ line: 65, column: 65, message: expect.stringMatching(/deeper than 64 levels/) });
    });
  });

  it('places a truncated JSON file at its end', () => {
    const [problem] = problemsOf(() => sut('{\n  "a": ['));
    expect(problem).toMatchObject({ line: 2, column: 9 });
  });

  it('reports each YAML error with its line and column', () => {
    const problems = problemsOf(() => sut('name: x\ncomponents:\n  - key: a\nname: y\n'));
    expect(problems).toEqual([{ message: 'Map keys must be unique', line: 4, column: 1 }]);
  });

  it("reads a quoted multi-line scalar closed at its key's indentation, as other YAML readers do (the OTM example)", () => {
    const text = ['components:', '  - id: db-class', '    representations:', '      - codeSnippet:', "          'int n = read();", '          print(n);', "        }'", '    attributes:', ''].join('\n');
    expect(sut(text).root).toEqual({ components: [{ id: 'db-class', representations: [{ codeSnippet: 'int n = read(); print(n); }' }], attributes: null }] });
  });

  it('still reports the place of a quote that never closes', () => {
    expect(problemsOf(() => sut("a: 'open\nb: 1\n"))[0]).toMatchObject({ line: 3, message: "Missing closing 'quote" });
  });

  it('reads YAML merge keys, which Threagile models use to share values', () => {
    expect(sut('base: &base\n  a: 1\n  b: 2\nchild:\n  <<: *base\n  b: 3\n').root).toEqual({ base: { a: 1, b: 2 }, child: { a: 1, b: 3 } });
  });

  it('refuses a YAML file of several documents', () => {
    expect(problemsOf(() => sut('a: 1\n---\nb: 2\n'))[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 6; level++) lines.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(', ')}]`);
    expect(() => sut(lines.join('\n'))).toThrow(InputError);
  });

  describe('locate', () => {
    const yaml = ['name: Shop', 'components:', '  - key: api', '    match:', '      paths:', '        - "src/**"', '        - "lib/[x"', '  - key: web', ''].join('\n');

    it('finds a YAML member at its key and an item at its start', () => {
      const source = sut(yaml);
      expect(source.locate('/name')).toEqual({ line: 1, column: 1 });
      expect(source.locate('/components/0/match/paths')).toEqual({ line: 5, column: 7 });
      expect(source.locate('/components/0/match/paths/1')).toEqual({ line: 7, column: 11 });
      expect(source.locate('/components/1')).toEqual({ line: 8, column: 5 });
    });

    it('falls back to the nearest ancestor that exists', () => {
      const source = sut(yaml);
      expect(source.locate('/components/1/name')).toEqual({ line: 8, column: 5 });
      expect(source.locate('/components/7')).toEqual({ line: 2, column: 1 });
      expect(source.locate('')).toEqual({ line: 1, column: 1 });
    });

    it('finds JSON members too, and unescapes pointer tokens', () => {
      const source = sut('{\n  "a/b": {\n    "c~d": [true, false]\n  }\n}');
      expect(source.locate('/a~1b/c~0d/1')).toEqual({ line: 3, column: 19 });
    });
  });
});

describe(throwLocatedIfAny.name, () => {
  const sut = throwLocatedIfAny;

  it('does nothing without problems', () => {
    expect(() => sut(new ProblemList(), readSourceText('a: 1', undefined, TEST_LIMITS), 'the model')).not.toThrow();
  });

  it('adds line and column to each problem and keeps its pointer', () => {
    const problems = new ProblemList();
    problems.at('/b', 'must be a string');
    const error = (() => {
      try {
        sut(problems, readSourceText('a: 1\nb: 2\n', undefined, TEST_LIMITS), 'the model');
      } catch (caught) {
        return caught as InputError;
      }
      throw new Error('expected an InputError');
    })();
    expect(error.message).toBe('1 problem in the model; first: /b: must be a string');
    expect(error.problems).toEqual([{ pointer: '/b', message: 'must be a string', line: 2, column: 1 }]);
  });
});
