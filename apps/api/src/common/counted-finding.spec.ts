import { FINDING_STATUSES, UNCOUNTED_STATUSES } from '@escapement/domain';
import { countedFinding } from './counted-finding';

describe(countedFinding.name, () => {
  it('leaves out suppressed and false-positive findings of the named table', () => {
    expect(countedFinding('f')).toBe(`f.status NOT IN ('suppressed', 'false_positive')`);
    expect(countedFinding('finding')).toBe(`finding.status NOT IN ('suppressed', 'false_positive')`);
  });

  it('names every uncounted status and no counted one', () => {
    const sut = countedFinding('f');
    for (const status of FINDING_STATUSES) expect(sut.includes(`'${status}'`)).toBe(UNCOUNTED_STATUSES.includes(status));
  });
});
