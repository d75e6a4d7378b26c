import { explainGap } from './gap-explanation';
import type { FindingLinkDto } from '@escapement/domain';

const component = { key: 'config', name: 'Configuration and secrets', layer: 'secrets' };
const componentOnly: FindingLinkDto = { threatModelId: 'm1', service: 'identity-api', component, threat: null, source: 'auto' };
function threatLink(key: string, title: string | null, firstEffectiveFrom: string | null): FindingLinkDto {
  return { ...componentOnly, threat: { key, title, stride: 'information_disclosure', cweIds: [798], firstEffectiveFrom } };
}

const facts = {
  gap: 'context_gap',
  introducedAt: '2026-11-19T12:27:54.000Z',
  firstDetectedAt: '2026-11-20T16:01:17.000Z',
  links: [
    componentOnly,
    threatLink('late', 'Later threat', '2026-03-01T00:00:00.000Z'),
    threatLink('early', 'Keys committed to the repository', '2025-01-01T00:00:00.000Z'),
  ],
  serviceName: 'identity-api',
  location: { repo: 'github.com/acme/identity-api', path: '.env.example', line: 21 },
  cweIds: [259],
  category: 'secrets',
};

describe(explainGap.name, () => {
  it('dates a context gap by the threat the model named first and by the introduction of the flaw', () => {
    expect(explainGap(facts)).toEqual({
      gap: 'context_gap',
      label: 'Context gap',
      text: 'Context gap: the threat model named the threat “Keys committed to the repository” on Jan 1, 2025, before the flaw was introduced on Nov 19, 2026 — the context existed but did not reach the code.',
    });
  });

  it('falls back to the first detection when the introduction is not recorded', () => {
    expect(explainGap({ ...facts, introducedAt: null }).text).toContain(
      'before the flaw was first detected on Nov 20, 2026 (when it was introduced is not recorded)',
    );
  });

  it('names the modelled components and the weakness no threat covered for a model gap', () => {
    expect(explainGap({ ...facts, gap: 'model_gap', links: [componentOnly] }).text).toBe(
      'Model gap: Configuration and secrets is in the threat model, but none of its threats covers CWE-259 — the threat model itself missed it.',
    );
    expect(explainGap({ ...facts, gap: 'model_gap', links: [componentOnly], cweIds: [], category: 'business-logic' }).text).toContain(
      'covers business logic flaws',
    );
  });

  it('names the service and path no component matches for an unmodelled finding', () => {
    expect(explainGap({ ...facts, gap: 'unmodelled', links: [] }).text).toBe(
      'Unmodelled: no threat-model component matches identity-api (.env.example) — there was no threat model to take context from.',
    );
  });

  it('does not invent a reason for a gap type it does not know', () => {
    expect(explainGap({ ...facts, gap: 'something_new' })).toMatchObject({ gap: null, label: 'something_new' });
  });
});
