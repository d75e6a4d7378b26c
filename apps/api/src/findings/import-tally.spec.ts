import { ImportTally } from './import-tally';

describe(ImportTally.name, () => {
  it('counts each finding once across batches', () => {
    const sut = new ImportTally();
    sut.add({ received: 3, createdIds: ['a', 'b'], updatedIds: ['c'], allIds: ['a', 'b', 'c'] });
    sut.add({ received: 2, createdIds: [], updatedIds: ['a'], allIds: ['a', 'd'] });
    sut.countSuppressed(1);
    expect(sut.counts()).toEqual({ received: 5, created: 2, updated: 1, unchanged: 1, suppressed: 1 });
  });
});
