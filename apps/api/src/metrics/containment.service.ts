import { Injectable } from '@nestjs/common';
import {
  containmentMatrix,
  DEFAULT_COST_WEIGHTS,
  DETECTION_STAGES,
  escapeCost,
  SEVERITIES,
  type ContainmentResponse,
  type CostWeights,
  type DetectionStage,
  type Severity,
} from '@escapement/domain';
import type { TeamScope } from '../auth/principal';
import { invalid } from '../common/domain-error';
import type { ContainmentQuery } from './containment.dto';
import { ContainmentRepository } from './containment.repository';
import { assertPeriod } from './period-filter';

/** Where findings are stopped, per class or category, and what the late ones cost in relative units. */
@Injectable()
export class ContainmentService {
  constructor(private readonly repository: ContainmentRepository) {}

  /** `teams`: only those teams' services; null for the whole organisation. */
  async containment(query: ContainmentQuery, teams: TeamScope): Promise<ContainmentResponse> {
    assertPeriod(query);
    const weights: CostWeights = {
      stage: { ...DEFAULT_COST_WEIGHTS.stage, ...parseWeights(query.stageWeights, DETECTION_STAGES, 'stageWeights') },
      severity: { ...DEFAULT_COST_WEIGHTS.severity, ...parseWeights(query.severityWeights, SEVERITIES, 'severityWeights') },
    };
    const rows = await this.repository.countByStage({ ...query, teams });
    const byStage = new Map<string, number>();
    for (const row of rows) byStage.set(`${row.key}\u0000${row.stage}`, (byStage.get(`${row.key}\u0000${row.stage}`) ?? 0) + row.count);
    const matrix = containmentMatrix(
      [...byStage.entries()].map(([k, count]) => {
        const [key, stage] = k.split('\u0000');
        return { key, stage: stage as DetectionStage, count };
      }),
    );
    const costRows = (key: string | null) =>
      rows.filter((r) => key === null || r.key === key).map((r) => ({ stage: r.stage as DetectionStage, severity: r.severity as Severity, count: r.count }));
    return {
      groupBy: query.groupBy,
      stages: DETECTION_STAGES,
      rows: matrix,
      cost: {
        weights,
        total: escapeCost(costRows(null), weights),
        byKey: Object.fromEntries(matrix.map((m) => [m.key, escapeCost(costRows(m.key), weights)])),
      },
    };
  }
}

function parseWeights<K extends string>(raw: string | undefined, names: readonly K[], parameter: string): Partial<Record<K, number>> {
  if (!raw) return {};
  const weights: Partial<Record<K, number>> = {};
  for (const pair of raw.split(',')) {
    const [name, value] = pair.split(':');
    if (!(names as readonly string[]).includes(name)) throw invalid(`${parameter}: "${name}" is not one of ${names.join(', ')}`, [{ parameter, message: `unknown name ${name}` }]);
    weights[name as K] = Number(value);
  }
  return weights;
}
