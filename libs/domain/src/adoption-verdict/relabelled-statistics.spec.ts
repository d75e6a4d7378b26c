import { seededRandom } from '../statistics/seeded-random';
import { countCohorts } from './cohort-counts';
import { dayNumber } from './follow-up-horizon';
import { relabelledStatistics } from './relabelled-statistics';
import { simulatedOrganisation } from './simulated-organisation';
import { eventStudy, preTrendStatistic, stackedEstimate, UnitPanel, type StackedDesign } from './stacked-design';

/** A simulated organisation's design: its adoptions' profiles (one retired early), every unit with findings. */
function simulatedDesign(seed: number, windowDays: number) {
  const org = simulatedOrganisation({ seed, designEffect: -0.8 });
  const counts = countCohorts(org.findings, 'ci', 60);
  const units = [...new Set(counts.map((c) => c.unit))].sort();
  const profiles = org.adoptions.map((a, i) => ({ start: dayNumber(a.startedAt), end: i === 1 ? dayNumber(a.startedAt) + 120 : Infinity }));
  const labels = Int32Array.from(units.map((u) => org.adoptions.findIndex((a) => a.units.includes(u))));
  const firstDay = Math.min(...counts.map((c) => dayNumber(c.cohortDate)));
  const design: StackedDesign = { units, profiles, labels, firstDay, dataEnd: dayNumber(org.now) - 60 + 1, windowDays, minWindowDays: 28 };
  return { counts, design };
}

function shuffled(labels: Int32Array, random: () => number): Int32Array {
  const copy = Int32Array.from(labels);
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe(relabelledStatistics.name, () => {
  it.each([
    [1, 364],
    [2, 364],
    [3, 60],
    [4, 200],
  ])('equals the stacked estimate and the pre-trend statistic to the bit for every relabelling (seed %i, %i-day windows)', (seed, windowDays) => {
    const { counts, design } = simulatedDesign(seed, windowDays);
    const random = seededRandom(seed);
    let compared = 0;
    for (const findingClass of ['design', 'pattern', null]) {
      const panel = new UnitPanel(counts, findingClass, design.units, design.firstDay, design.dataEnd);
      const sut = relabelledStatistics(panel, design);
      for (let draw = 0; draw < 200; draw++) {
        const labels = draw === 0 ? design.labels : shuffled(design.labels, random);
        const expected = [stackedEstimate(panel, design, labels, false)?.estimate ?? null, preTrendStatistic(eventStudy(panel, design, labels, false))];
        expect(sut(labels)).toEqual(expected);
        if (expected[0] !== null) compared++;
      }
    }
    // Not vacuous: most relabellings give an estimate to compare.
    expect(compared).toBeGreaterThan(300);
  });

  it('gives nulls when no event has adopters with findings on both sides', () => {
    const { counts, design } = simulatedDesign(5, 364);
    const panel = new UnitPanel(counts, 'design', design.units, design.firstDay, design.dataEnd);
    expect(relabelledStatistics(panel, design)(new Int32Array(design.units.length).fill(-1))).toEqual([null, null]);
  });
});
