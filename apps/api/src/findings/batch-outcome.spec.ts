import { batchCounts } from './batch-outcome';

describe(batchCounts.name, () => {
  it('counts each finding the batch touched once, as created, updated or unchanged', () => {
    // Five sightings of four findings: two new, one changed, one seen again as it was.
    expect(batchCounts({ received: 5, createdIds: ['a', 'b'], updatedIds: ['c'], allIds: ['a', 'b', 'c', 'd'] })).toEqual({ received: 5, created: 2, updated: 1, unchanged: 1 });
  });

  it('counts a batch that stored nothing', () => {
    expect(batchCounts({ received: 0, createdIds: [], updatedIds: [], allIds: [] })).toEqual({ received: 0, created: 0, updated: 0, unchanged: 0 });
  });
});
