import { parseChangesCsv } from './changes-csv';

describe(parseChangesCsv.name, () => {
  const sut = parseChangesCsv;

  it('reads one change per row with flags as booleans, blanks as unknown, and commits split', () => {
    const result = sut('service,ref,commits,threat_model_linked,prompt_context\npayments-api,#1,abc1234 def5678,yes,\npayments-api,#2,,0,true\n');
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, change: { service: 'payments-api', ref: '#1', commits: ['abc1234', 'def5678'], threatModelLinked: true }, columns: { service: 1, ref: 2, commits: 3, threatModelLinked: 4 } },
      { line: 3, change: { service: 'payments-api', ref: '#2', threatModelLinked: false, promptContext: true }, columns: { service: 1, ref: 2, threatModelLinked: 4, promptContext: 5 } },
    ]);
  });

  it('names the line and column of an unknown column and of a flag that is not a boolean', () => {
    const { problems } = sut('service,ref,colour,prompt_context\nx,#1,red,maybe\n');
    expect(problems).toEqual([expect.objectContaining({ line: 1, column: 3 }), expect.objectContaining({ line: 2, column: 4 })]);
  });

  it('needs service and ref columns', () => {
    expect(sut('title\nx\n').problems.map((p) => p.message)).toEqual(['the header has no "service" column', 'the header has no "ref" column']);
  });
});
