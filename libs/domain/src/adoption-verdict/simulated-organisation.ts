import type { DetectionStage } from '../model/detection-stage';
import { seededRandom } from '../statistics/seeded-random';
import { isoDay } from './follow-up-horizon';
import type { VerdictAdoption, VerdictFinding } from './verdict-input';

/**
 * A simulated organisation for testing the adoption verdict: six teams of two services, three of which adopt
 * a practice on staggered dates. Escape probability on the log-odds scale = class baseline + team effect
 * (random, sd 0.4) + service effect (sd 0.2) + an organisation-wide downward drift, and — only when
 * `designEffect` is given — that many log-odds less for design findings of adopting services after adoption.
 * Escapes arrive late: a quarter of them in production, exponentially delayed with a mean of 150 days, so a
 * year later is common; nothing is squeezed before "now" (findings not yet detected are simply absent).
 * Scanner (pattern) findings have no introduction date half of the time.
 */
export interface SimulatedOrganisation {
  findings: VerdictFinding[];
  adoptions: VerdictAdoption[];
  now: string;
}

export interface SimulationOptions {
  seed: number;
  /** Log-odds change of design escapes in adopting services after adoption (0: no true effect). */
  designEffect: number;
  /** Organisation-wide change of log-odds per year (negative: escapes fall everywhere). */
  driftPerYear?: number;
}

const FIRST_DAY = 19_358; // 2023-01-01
const DAYS = 1_095;
const TEAMS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
const ADOPTION_DAYS: Record<string, number> = { alpha: 400, bravo: 500, charlie: 600 };
const RATE = { design: 0.3, pattern: 0.4 } as const;
const BASE_LOG_ODDS = { design: -0.2, pattern: -0.6 } as const;

export function simulatedOrganisation(options: SimulationOptions): SimulatedOrganisation {
  const random = seededRandom(options.seed * 7919 + 17);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const poisson = (lambda: number) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };
  const drift = options.driftPerYear ?? -0.3;
  const findings: VerdictFinding[] = [];
  const now = FIRST_DAY + DAYS;
  for (const team of TEAMS) {
    const teamEffect = 0.4 * normal();
    for (const s of [1, 2]) {
      const unit = `${team}-${s}`;
      const serviceEffect = 0.2 * normal();
      const adoptedOn = ADOPTION_DAYS[team];
      for (let day = 0; day < DAYS; day++) {
        for (const findingClass of ['design', 'pattern'] as const) {
          const n = poisson(RATE[findingClass]);
          for (let i = 0; i < n; i++) {
            const treated = findingClass === 'design' && adoptedOn !== undefined && day >= adoptedOn;
            const logOdds = BASE_LOG_ODDS[findingClass] + teamEffect + serviceEffect + (drift * day) / 365 + (treated ? options.designEffect : 0);
            const escaped = random() < 1 / (1 + Math.exp(-logOdds));
            let stage: DetectionStage;
            let delay: number;
            if (!escaped) {
              stage = random() < 0.4 ? 'design' : 'code_review';
              delay = Math.floor(random() * 10);
            } else {
              const u = random();
              if (u < 0.5) {
                stage = 'ci';
                delay = Math.floor(random() * 20);
              } else if (u < 0.75) {
                stage = 'pre_release';
                delay = 5 + Math.floor(random() * 85);
              } else {
                stage = 'production';
                delay = Math.floor(-150 * Math.log(1 - random()));
              }
            }
            const detected = FIRST_DAY + day + delay;
            if (detected > now) continue;
            const fallback = findingClass === 'pattern' ? random() < 0.5 : random() < 0.1;
            findings.push({
              unit,
              team,
              findingClass,
              cohortDate: isoDay(fallback ? detected : FIRST_DAY + day),
              cohortDateIsFallback: fallback,
              firstDetectedAt: isoDay(detected),
              firstStage: stage,
            });
          }
        }
      }
    }
  }
  const adoptions = Object.entries(ADOPTION_DAYS).map(([team, day]) => ({ id: team, units: [`${team}-1`, `${team}-2`], startedAt: isoDay(FIRST_DAY + day) }));
  return { findings, adoptions, now: isoDay(now) };
}
