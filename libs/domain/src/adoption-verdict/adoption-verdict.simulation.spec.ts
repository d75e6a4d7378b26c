import { adoptionVerdict, type AdoptionVerdictResult } from './adoption-verdict';
import { simulatedOrganisation } from './simulated-organisation';
import type { VerdictSettings } from './verdict-input';

// ESCAPEMENT_LONG_SIMULATION=1 runs 200 seeds with 5,000 randomisation draws each (several minutes).
const LONG = process.env.ESCAPEMENT_LONG_SIMULATION === '1';
const SEEDS = LONG ? 200 : 40;
const DRAWS = LONG ? 5_000 : 1_000;
const SETTINGS: VerdictSettings = { primaryClass: 'design', boundary: 'ci', classes: ['design', 'pattern'], minimalImportantDifference: 0.1, draws: DRAWS };

function run(seed: number, designEffect: number) {
  const org = simulatedOrganisation({ seed, designEffect });
  const settings = { ...SETTINGS, seed };
  const pooled = adoptionVerdict({ findings: org.findings, adoptions: org.adoptions, settings, now: org.now, sensitivity: false });
  const single = org.adoptions.map((adoption) =>
    adoptionVerdict({
      findings: org.findings,
      adoptions: [adoption],
      otherAdoptions: org.adoptions.filter((a) => a !== adoption).flatMap((a) => a.units.map((unit) => ({ unit, startedAt: a.startedAt }))),
      settings,
      now: org.now,
      sensitivity: false,
    }),
  );
  return { pooled, single };
}

const anyLikelyReal = (result: AdoptionVerdictResult) => result.classes.some((c) => c.verdict.code === 'likely-real');
const primaryCode = (result: AdoptionVerdictResult) => result.classes.find((c) => c.primary)!.verdict.code;

describe(`${adoptionVerdict.name} on simulated organisations`, () => {
  it(`with no true effect, late escapes, team effects and an organisation-wide drift, says "likely real" in at most ${SEEDS / 20} of ${SEEDS} seeds, pooled and per adoption`, () => {
    const counts = { pooled: 0, alpha: 0, bravo: 0, charlie: 0 };
    let pooledPrimary = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { pooled, single } = run(seed, 0);
      if (anyLikelyReal(pooled)) counts.pooled++;
      if (primaryCode(pooled) === 'likely-real') pooledPrimary++;
      single.forEach((s, i) => anyLikelyReal(s) && counts[(['alpha', 'bravo', 'charlie'] as const)[i]]++);
    }
    console.log(`No true effect, ${SEEDS} seeds — "likely-real" in any class: ${JSON.stringify(counts)}; pooled, primary class (design): ${pooledPrimary}`);
    for (const count of Object.values(counts)) expect(count).toBeLessThanOrEqual(SEEDS / 20);
  }, 600_000);

  it(`when three adopting teams' design escapes truly fall, the pooled verdict is "likely real" in at least 90% of ${SEEDS} seeds and no single adoption says "no important change"`, () => {
    let pooledLikelyReal = 0;
    const single: Record<string, Record<string, number>> = {};
    let singleNoImportantChange = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = run(seed, -1);
      if (primaryCode(result.pooled) === 'likely-real') pooledLikelyReal++;
      result.single.forEach((s, i) => {
        const code = primaryCode(s);
        const name = ['alpha', 'bravo', 'charlie'][i];
        single[name] = { ...single[name], [code]: (single[name]?.[code] ?? 0) + 1 };
        if (code === 'no-important-change') singleNoImportantChange++;
      });
    }
    console.log(`True effect, ${SEEDS} seeds — pooled design "likely-real": ${pooledLikelyReal}; single adoptions (design): ${JSON.stringify(single)}`);
    expect(pooledLikelyReal).toBeGreaterThanOrEqual(Math.ceil(SEEDS * 0.9));
    expect(singleNoImportantChange).toBe(0);
  }, 600_000);
});
