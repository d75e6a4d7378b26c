import type { JsonPath } from '@escapement/domain';
import { JsonStreamError } from './json-stream-error';
import { selectJsonValues } from './select-json-values';
import type { SelectedValue, Selection } from './selection';

async function collect(source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>, select: (path: JsonPath) => Selection): Promise<SelectedValue[]> {
  const values: SelectedValue[] = [];
  for await (const selected of selectJsonValues(source, select)) values.push(selected);
  return values;
}

const sarif = `{
  "version": "2.1.0",
  "runs": [
    {
      "tool": { "driver": { "name": "scanner", "rules": [{ "id": "R1" }] } },
      "results": [
        { "ruleId": "R1", "level": "error", "message": { "text": "Tainted \\"q\\" → sink é😀" } },
        { "ruleId": "R2", "level": "note", "locations": [{ "region": { "startLine": 3, "startColumn": -1.5e2 } }] },
        { "ruleId": "R1", "suppressed": true, "fix": null }
      ]
    }
  ]
}
`;

/** Descends to every result and takes it; skips the tool and everything else. */
function takeResults(path: JsonPath): Selection {
  if (path.length === 0 || path.length === 2) return 'descend';
  if (path.length === 1) return path[0] === 'runs' ? 'descend' : 'skip';
  if (path.length === 3) return path[2] === 'results' ? 'descend' : 'skip';
  return 'take';
}

const expectedResults = (JSON.parse(sarif) as { runs: { results: unknown[] }[] }).runs[0].results.map((value, index) => ({
  path: ['runs', 0, 'results', index],
  pointer: `/runs/0/results/${index}`,
  value,
  line: 7 + index,
  column: 9,
}));

describe(selectJsonValues.name, () => {
  const sut = selectJsonValues;

  it('takes the selected values with their paths and start positions, skipping the rest', async () => {
    expect(await collect([sarif], takeResults)).toEqual(expectedResults);
  });

  it('asks about the root first, then about each child of what it descends into, in document order', async () => {
    const asked: string[] = [];
    await collect([sarif], (path) => {
      asked.push(path.join('.'));
      return path.length < 3 || path.join('.') === 'runs.0.tool' ? 'descend' : 'skip';
    });
    expect(asked).toEqual(['', 'version', 'runs', 'runs.0', 'runs.0.tool', 'runs.0.tool.driver', 'runs.0.results']);
  });

  it('takes scalars, whole documents, and treats descending into a scalar as skipping', async () => {
    const values = await collect([sarif], (path) => (path.length < 4 ? 'descend' : path[4] === 'level' ? 'take' : path.length === 4 ? 'descend' : 'skip'));
    expect(values.map(({ pointer, value, line, column }) => [pointer, value, line, column])).toEqual([
      ['/runs/0/results/0/level', 'error', 7, 36],
      ['/runs/0/results/1/level', 'note', 8, 36],
    ]);
    expect((await collect([sarif], () => 'take')).map(({ value }) => value)).toEqual([JSON.parse(sarif)]);
    expect(await collect(['"just a string"'], () => 'descend')).toEqual([]);
    expect(await collect([sarif], () => 'skip')).toEqual([]);
  });

  it('gives the same values however the text is split into string chunks', async () => {
    for (let split = 0; split <= sarif.length; split++) {
      expect(await collect([sarif.slice(0, split), sarif.slice(split)], takeResults)).toEqual(expectedResults);
    }
    expect(await collect([...sarif], takeResults)).toEqual(expectedResults);
  });

  it('gives the same values however the bytes are split, including inside multi-byte characters', async () => {
    const bytes = Buffer.from(sarif);
    for (let split = 0; split <= bytes.length; split++) {
      expect(await collect([bytes.subarray(0, split), bytes.subarray(split)], takeResults)).toEqual(expectedResults);
    }
    expect(await collect([...bytes].map((byte) => Buffer.from([byte])), takeResults)).toEqual(expectedResults);
  });

  it('reads a chunk far larger than its working piece, values spanning the piece boundaries', async () => {
    const items = Array.from({ length: 300 }, (_, index) => `${index}:${'x'.repeat(index * 3)}`);
    const values = await collect([JSON.stringify(items)], (path) => (path.length === 0 ? 'descend' : 'take'));
    expect(values.map(({ value }) => value)).toEqual(items);
  });

  it('skips a leading byte order mark in Buffers', async () => {
    const values = await collect([Buffer.from('\ufeff{"a": [1]}')], (path) => (path.length === 0 ? 'descend' : 'take'));
    expect(values).toEqual([{ path: ['a'], pointer: '/a', value: [1], line: 1, column: 7 }]);
  });

  it('yields each value before reading further chunks', async () => {
    let chunksRead = 0;
    async function* source(): AsyncGenerator<string> {
      for (const chunk of ['[{"n": 1}, ', '{"n": 2}, ', '{"n"', ': 3}]']) {
        chunksRead++;
        yield chunk;
      }
    }
    const seen: [unknown, number][] = [];
    for await (const { value } of sut(source(), (path) => (path.length === 0 ? 'descend' : 'take'))) seen.push([value, chunksRead]);
    expect(seen).toEqual([
      [{ n: 1 }, 1],
      [{ n: 2 }, 2],
      [{ n: 3 }, 4],
    ]);
  });

  it('stops reading the source when the consumer stops', async () => {
    let finished = false;
    let chunksRead = 0;
    function* source(): Generator<string> {
      try {
        for (let i = 0; i < 1000; i++) {
          chunksRead++;
          yield i === 0 ? '[0' : `,${i}`;
        }
      } finally {
        finished = true;
      }
    }
    for await (const { value } of sut(source(), (path) => (path.length === 0 ? 'descend' : 'take'))) {
      if (value === 2) break;
    }
    expect(finished).toBe(true);
    expect(chunksRead).toBeLessThan(10);
  });

  it('hands out the values completed before a syntax error, then throws it', async () => {
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const { value } of sut(['[1, 2, 3 4, 5]'], (path) => (path.length === 0 ? 'descend' : 'take'))) seen.push(value);
    })();
    await expect(reading).rejects.toThrow('Unexpected character "4" at line 1, column 10: expected \',\' or \']\'');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('reports the pointer of the value being read in skipped parts too', async () => {
    const broken = sarif.replace('"startColumn": -1.5e2', '"startColumn": -');
    const error = await collect([broken], takeResults).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JsonStreamError);
    expect(error).toMatchObject({ kind: 'syntax', line: 8, column: broken.split('\n')[7].indexOf('-') + 2, pointer: '/runs/0/results/1/locations/0/region/startColumn' });
    const cut = sarif.slice(0, sarif.indexOf('\n', sarif.indexOf('"R1", "level"')) - 1);
    await expect(collect([cut], takeResults)).rejects.toThrow(`Unexpected end of input at line 7, column ${cut.length - cut.lastIndexOf('\n')} (in /runs/0/results): expected ',' or ']'`);
    // After a comma the index of the next element is known, so the pointer names it.
    await expect(collect([cut + ','], () => 'skip')).rejects.toThrow('(in /runs/0/results/1): expected a value');
  });

  it('enforces the depth limit in skipped parts too', async () => {
    const deep = `{"skipped": ${'['.repeat(5)}${']'.repeat(5)}}`;
    await expect(collect([deep], () => 'skip')).resolves.toEqual([]);
    await expect(sut([deep], () => 'skip', { maxDepth: 5 }).next()).rejects.toMatchObject({ kind: 'depth', column: 17, pointer: '/skipped/0/0/0/0' });
  });

  it('refuses a taken value longer than maxTakenValueBytes, even before it ends', async () => {
    const select = (path: JsonPath): Selection => (path.length === 0 ? 'descend' : 'take');
    const values = sut(['[', '"short", ', '{"a": "long enough"', ' }]'], select, { maxTakenValueBytes: 10 });
    await expect(values.next()).resolves.toMatchObject({ value: { value: 'short' } });
    await expect(values.next()).rejects.toThrow(new JsonStreamError({ kind: 'size', problem: 'Value longer than 10 characters', line: 1, column: 11, pointer: '/1', detail: 'larger than maxTakenValueBytes' }));
    await expect(collect(['["0123456789", "01234567890"]'], select).then((found) => found.length)).resolves.toBe(2);
    await expect(sut(['["01234567", "012345678"]'], select, { maxTakenValueBytes: 10 }).next()).resolves.toMatchObject({ value: { value: '01234567' } });
  });

  it('freezes the paths it hands out', async () => {
    const paths: JsonPath[] = [];
    const [taken] = await collect(['{"a": {"b": 1}}'], (path) => {
      paths.push(path);
      return path.length < 2 ? 'descend' : 'take';
    });
    expect(paths.every((path) => Object.isFrozen(path))).toBe(true);
    expect(taken.path).toBe(paths[2]);
  });

  it('propagates an exception thrown by select, and refuses an unknown selection', async () => {
    await expect(collect(['[1]'], () => { throw new Error('select failed'); })).rejects.toThrow('select failed');
    await expect(collect(['[1]'], () => 'maybe' as Selection)).rejects.toThrow(TypeError);
  });
});
