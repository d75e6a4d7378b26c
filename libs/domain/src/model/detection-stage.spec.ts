import { firstDetectedStage, isEscape } from './detection-stage';

describe(firstDetectedStage.name, () => {
  it('takes the stage of the first detection in time, not the lowest stage seen later', () => {
    const sut = firstDetectedStage([
      { stage: 'code_review', detectedAt: '2026-06-20T00:00:00Z' },
      { stage: 'production', detectedAt: '2026-06-10T00:00:00Z' },
    ]);
    expect(sut).toBe('production');
    expect(isEscape(sut, 'ci')).toBe(true);
  });

  it('counts detections at the same instant at the earlier stage', () => {
    const at = new Date('2026-06-10T00:00:00Z');
    expect(firstDetectedStage([{ stage: 'production', detectedAt: at }, { stage: 'ci', detectedAt: at }, { stage: 'pre_release', detectedAt: at }])).toBe('ci');
  });

  it('needs at least one detection', () => {
    expect(() => firstDetectedStage([])).toThrow(RangeError);
  });
});
