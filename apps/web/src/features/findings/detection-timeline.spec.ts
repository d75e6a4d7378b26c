import { detectionTimeline } from './detection-timeline';
import type { FindingDetectionDto } from '@escapement/domain';

function detection(stage: FindingDetectionDto['stage'], detectedAt: string): FindingDetectionDto {
  return { stage, sourceKind: 'sast', tool: 'semgrep', importId: null, commit: null, detectedAt };
}

describe(detectionTimeline.name, () => {
  const sut = detectionTimeline(
    [detection('production', '2026-02-01T00:00:00Z'), detection('ci', '2026-01-10T00:00:00Z'), detection('ci', '2026-01-02T00:00:00Z')],
    'ci',
  );

  it('lists the five stages in lifecycle order', () => {
    expect(sut.map((stage) => stage.stage)).toEqual(['design', 'code_review', 'ci', 'pre_release', 'production']);
  });

  it('puts each detection at its stage, oldest first, and marks the stage first caught at', () => {
    expect(sut[2]!.detections.map((d) => d.detectedAt)).toEqual(['2026-01-02T00:00:00Z', '2026-01-10T00:00:00Z']);
    expect(sut.filter((stage) => stage.earliest).map((stage) => stage.stage)).toEqual(['ci']);
    expect(sut[0]!.detections).toEqual([]);
  });

  it('marks the stage of the first detection in time, not the lowest stage seen later', () => {
    const later = detectionTimeline([detection('production', '2026-06-10T00:00:00Z'), detection('code_review', '2026-06-20T00:00:00Z')], 'ci');
    expect(later.filter((stage) => stage.earliest).map((stage) => stage.stage)).toEqual(['production']);
  });

  it('marks the stages at and past the boundary', () => {
    expect(sut.map((stage) => stage.pastBoundary)).toEqual([false, false, true, true, true]);
    expect(detectionTimeline([], 'production').map((stage) => stage.pastBoundary)).toEqual([false, false, false, false, true]);
  });
});
