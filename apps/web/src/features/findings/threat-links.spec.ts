import { groupLinksByComponent } from './threat-links';
import type { FindingLinkDto } from '@escapement/domain';

const threat = { key: 'T1', title: 'Keys leak', stride: null, cweIds: [798], firstEffectiveFrom: '2025-01-01T00:00:00.000Z' };
function link(componentKey: string, withThreat: boolean, source: FindingLinkDto['source'] = 'auto'): FindingLinkDto {
  return {
    threatModelId: 'm1',
    service: 'svc',
    component: { key: componentKey, name: componentKey.toUpperCase(), layer: null },
    threat: withThreat ? threat : null,
    source,
  };
}

describe(groupLinksByComponent.name, () => {
  it('shows each component once with its threats, in the order the API gives', () => {
    const sut = groupLinksByComponent([link('config', false), link('config', true), link('api', false, 'manual'), link('config', true)]);
    expect(sut.map((group) => [group.component.key, group.threats.map((t) => t.key), group.manual])).toEqual([
      ['config', ['T1'], false],
      ['api', [], true],
    ]);
  });
});
