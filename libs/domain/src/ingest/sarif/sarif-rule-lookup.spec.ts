import { JsonReader } from '../json-reader';
import { findRule } from './sarif-rule-lookup';
import { sarifRunContext } from './sarif-run-context';

describe(findRule.name, () => {
  const sut = findRule;
  const context = sarifRunContext(
    {
      tool: {
        driver: { name: 'S', rules: [{ id: 'CA5350', shortDescription: { text: 'weak crypto' } }, { id: 'CA2101', guid: 'AAAA-1' }] },
        extensions: [{ name: 'Pack', guid: 'EXT-GUID', rules: [{ id: 'X1' }, { id: 'X2', guid: 'bbbb-2' }] }],
      },
    },
    '/runs/0',
  );

  function find(result: Record<string, unknown>) {
    const reader = new JsonReader();
    const match = sut(result, '/runs/0/results/0', context, reader);
    return { ruleId: match.ruleId, rule: match.rule?.id ?? null, component: match.component.label, problems: reader.problems.items };
  }

  it('keeps a hierarchical rule id whole but takes the metadata of its base rule', () => {
    expect(find({ ruleId: 'CA5350/md5' })).toEqual({ ruleId: 'CA5350/md5', rule: 'CA5350', component: 'the driver', problems: [] });
    expect(find({ ruleId: 'CA5350/sha-1', ruleIndex: 0 })).toMatchObject({ rule: 'CA5350', problems: [] });
  });

  it('finds rules by guid, in the component the reference names', () => {
    expect(find({ rule: { guid: 'aaaa-1' } })).toMatchObject({ ruleId: 'CA2101', rule: 'CA2101' });
    expect(find({ rule: { guid: 'BBBB-2', toolComponent: { guid: 'ext-guid' } } })).toMatchObject({ ruleId: 'X2', component: 'extension 0' });
  });

  it('looks for an id in the extensions when the result names no component', () => {
    expect(find({ ruleId: 'X1' })).toMatchObject({ rule: 'X1', component: 'extension 0' });
  });

  it('keeps the id of a rule the tool does not describe', () => {
    expect(find({ ruleId: 'UNKNOWN' })).toEqual({ ruleId: 'UNKNOWN', rule: null, component: 'the driver', problems: [] });
  });

  it('reports references that disagree or point nowhere', () => {
    expect(find({ ruleId: 'X1', rule: { id: 'X2', index: 0, toolComponent: { index: 3 } } }).problems).toEqual([
      { pointer: '/runs/0/results/0/rule/id', message: '"X2" differs from ruleId "X1"' },
      { pointer: '/runs/0/results/0/rule/toolComponent/index', message: '3 is out of range: the tool has 1 extension' },
    ]);
    expect(find({ ruleId: 'X1', rule: { index: 4, toolComponent: { index: 0 } } }).problems).toEqual([
      { pointer: '/runs/0/results/0/rule/index', message: '4 is out of range: extension 0 has 2 rules' },
    ]);
  });
});
