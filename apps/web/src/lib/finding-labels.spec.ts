import { categoryLabel, GAP_LABELS, isFindingGap, labelOf, STRIDE_LABELS } from './finding-labels';

describe(categoryLabel.name, () => {
  it('turns kebab- and snake-case ids into words', () => {
    expect(categoryLabel('business-logic')).toBe('Business logic');
    expect(categoryLabel('supply_chain')).toBe('Supply chain');
    expect(categoryLabel('xss')).toBe('Xss');
  });
});

describe(labelOf.name, () => {
  it('reads known ids from the map, unknown ones as words, and missing ones as a dash', () => {
    expect(labelOf(GAP_LABELS, 'context_gap')).toBe('Context gap');
    expect(labelOf(STRIDE_LABELS, 'lateral_movement')).toBe('Lateral movement');
    expect(labelOf(GAP_LABELS, null)).toBe('–');
    expect(labelOf(GAP_LABELS, '', 'none')).toBe('none');
  });
});

describe(isFindingGap.name, () => {
  it('accepts the three gap types only', () => {
    expect(isFindingGap('model_gap')).toBe(true);
    expect(isFindingGap('gap')).toBe(false);
    expect(isFindingGap(undefined)).toBe(false);
  });
});
