import { JsonReader } from '../json-reader';
import { readSecuritySeverity, severityOfScore } from './sarif-severity';

describe(severityOfScore.name, () => {
  const sut = severityOfScore;

  it.each([
    [10, 'critical'],
    [9, 'critical'],
    [8.9, 'high'],
    [7, 'high'],
    [6.9, 'medium'],
    [4, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
    [0, 'info'],
  ])('maps %d to %s', (score, severity) => {
    expect(sut(score)).toBe(severity);
  });
});

describe(readSecuritySeverity.name, () => {
  const sut = readSecuritySeverity;

  it('reads numeric strings and numbers', () => {
    const reader = new JsonReader();
    expect(sut({ 'security-severity': '8.8' }, '/p', reader)).toBe(8.8);
    expect(sut({ 'security-severity': 5 }, '/p', reader)).toBe(5);
    expect(reader.problems.count).toBe(0);
  });

  it('ignores values that are not scores, and reports scores out of range', () => {
    const reader = new JsonReader();
    expect(sut({ 'security-severity': 'High' }, '/p', reader)).toBeNull();
    expect(sut({}, '/p', reader)).toBeNull();
    expect(reader.problems.count).toBe(0);
    expect(sut({ 'security-severity': '11' }, '/runs/0/results/2/properties', reader)).toBeNull();
    expect(reader.problems.items).toEqual([{ pointer: '/runs/0/results/2/properties/security-severity', message: '"11" must be a score from 0 to 10' }]);
  });
});
