import { Injectable } from '@nestjs/common';
import {
  budgetOf,
  buildAcceptanceCriteria,
  buildContextPack,
  buildReviewChecklist,
  changedPathsOfDiff,
  MAX_CHANGED_PATHS,
  selectComponents,
  servicesOfRepository,
  type AcceptanceCriteriaDto,
  type ContextChannel,
  type ContextFormat,
  type ContextKind,
  type ContextModelSummaryDto,
  type ContextPackDto,
  type ContextReviewDto,
  type ContextServingDto,
  type ContextSource,
  type ContextUsageDto,
  type DetectionStage,
  type MitigationStatus,
  type ReviewChecklistDto,
  type ReviewOutcome,
  type Served,
} from '@escapement/domain';
import { actorOf, type Principal, type TeamScope } from '../auth/principal';
import { invalid, notFound } from '../common/domain-error';
import { ContextRepository, type LatestModelRow } from './context.repository';
import { toModelComponent, toModelThreat } from '../threat-models/model-rows';

/** The most escaped findings a pack is cut from; the count of all of them is still given. */
const MAX_ESCAPES = 500;

/** What a pack, criteria list or checklist is asked for. */
export interface ContextAsk {
  /** Null: the service is found from `repo` (the repository a command runs in). */
  service: string | null;
  paths: string[];
  components: string[];
  repo: string | null;
  change: string | null;
  format: ContextFormat;
  maxChars: number | null;
  maxTokens: number | null;
  boundary: DetectionStage;
}

/** Who asked, and through what: every serving is recorded with it. */
export interface ServingContext {
  caller: Principal;
  channel: ContextChannel;
  /** The MCP tool or resource, when served through MCP. */
  tool: string | null;
}

export interface ReviewAsk {
  /** Null: found from `repo`, as for packs. */
  service: string | null;
  repo: string | null;
  change: string;
  outcome: ReviewOutcome;
  paths: string[];
  components: string[];
}

const modelRef = (row: LatestModelRow) => ({ id: row.model_id, name: row.model_name, version: row.version_number, effectiveFrom: row.effective_from.toISOString() });

/**
 * Serves threat-model context (packs, acceptance criteria, review checklists) for a service the
 * caller may see, and records every serving. Another team's service is a 404, as everywhere.
 */
@Injectable()
export class ContextService {
  constructor(private readonly repository: ContextRepository) {}

  async pack(ask: ContextAsk, context: ServingContext): Promise<Served<ContextPackDto>> {
    const { source, model } = await this.source(ask, context.caller.teams);
    const served = buildContextPack(source, this.request(source, ask), budgetOf(ask), ask.format);
    const threats = served.value.layers.flatMap((group) => group.threats.map((threat) => threat.key));
    await this.record(context, 'pack', model, ask, served.value.components.map((c) => c.key), threats, served);
    return served;
  }

  async criteria(ask: ContextAsk, context: ServingContext): Promise<Served<AcceptanceCriteriaDto>> {
    const { source, model } = await this.source(ask, context.caller.teams);
    const served = buildAcceptanceCriteria(source, this.request(source, ask), budgetOf(ask), ask.format);
    await this.record(context, 'criteria', model, ask, served.value.components.map((c) => c.key), unique(served.value.criteria.map((c) => c.threatKey)), served);
    return served;
  }

  /** `diff`: a unified diff whose changed files are taken instead of `paths`. */
  async checklist(ask: ContextAsk & { diff: string | null }, context: ServingContext): Promise<Served<ReviewChecklistDto>> {
    if (ask.diff !== null && ask.paths.length) throw invalid('Send the changed paths or a diff, not both', [{ pointer: '/diff', message: 'paths are given too' }]);
    const paths = ask.diff === null ? ask.paths : changedPathsOfDiff(ask.diff);
    if (paths.length === 0) {
      throw invalid(ask.diff === null ? 'A checklist needs the changed paths, or a unified diff' : 'The diff names no changed file (no "+++ b/…" header)', [
        { pointer: ask.diff === null ? '/paths' : '/diff', message: 'no changed file' },
      ]);
    }
    if (paths.length > MAX_CHANGED_PATHS) throw invalid(`At most ${MAX_CHANGED_PATHS} changed files per checklist`, [{ pointer: '/paths', message: 'too many' }]);
    const withPaths = { ...ask, paths, components: [] };
    const { source, model } = await this.source(withPaths, context.caller.teams);
    const served = buildReviewChecklist(source, this.request(source, withPaths), budgetOf(ask), ask.format);
    await this.record(context, 'checklist', model, withPaths, served.value.components.map((c) => c.key), unique(served.value.items.map((i) => i.threatKey)), served);
    return served;
  }

  /** A review of a change against the model: the reviewer's (or assistant's) own record that it happened. */
  async recordReview(ask: ReviewAsk, context: ServingContext): Promise<ContextReviewDto> {
    const name = await this.serviceOf({ ...this.emptyAsk(null), service: ask.service, repo: ask.repo }, context.caller.teams);
    const service = await this.repository.findService(name, context.caller.teams);
    if (!service) throw notFound('Service', name);
    const [model] = await this.repository.latestModels(context.caller.teams, service.id);
    let components: string[] = [];
    if (model && (ask.paths.length || ask.components.length)) {
      const source = await this.load(model);
      const request = this.request(source, { ...this.emptyAsk(name), paths: ask.paths, components: ask.components, change: ask.change });
      components = selectComponents(source, request).components.map((c) => c.key);
    }
    const row = await this.repository.record({
      ...this.who(context),
      kind: 'review',
      serviceId: service.id,
      threatModelId: model?.model_id ?? null,
      modelVersion: model?.version_number ?? null,
      componentKeys: components,
      threatKeys: [],
      pathCount: ask.paths.length,
      changeRef: ask.change,
      outcome: ask.outcome,
      servedChars: null,
      truncated: false,
    });
    return { id: row.id, service: service.name, changeRef: ask.change, outcome: ask.outcome, servedAt: row.served_at.toISOString() };
  }

  /** The models the caller may read (MCP resources). Listing is not a serving: nothing of a model is in it. */
  async models(teams: TeamScope): Promise<ContextModelSummaryDto[]> {
    return (await this.repository.latestModels(teams)).map((row) => ({ service: row.service_name, model: modelRef(row), components: row.components, threats: row.threats }));
  }

  /** A whole model as a pack (every component), recorded as a model read. */
  async model(service: string, format: ContextFormat, context: ServingContext): Promise<Served<ContextPackDto>> {
    const ask = { ...this.emptyAsk(service), format, maxChars: 200_000 };
    const { source, model } = await this.source(ask, context.caller.teams);
    const served = buildContextPack(source, this.request(source, ask), budgetOf(ask), format);
    await this.record(context, 'model', model, ask, [], [], served);
    return served;
  }

  async usage(serviceName: string, boundary: DetectionStage, teams: TeamScope): Promise<ContextUsageDto> {
    const { model } = await this.modelOf(serviceName, teams);
    const rows = await this.repository.componentUsage(model.model_id, model.version_id, boundary);
    return {
      service: model.service_name,
      threatModelId: model.model_id,
      boundary,
      components: rows.map((row) => ({ key: row.key, name: row.name, layer: row.layer, fetched: row.fetched, lastFetchedAt: row.last_fetched_at?.toISOString() ?? null, escapes: row.escapes })),
    };
  }

  async servings(serviceName: string, change: string | null, limit: number, teams: TeamScope): Promise<ContextServingDto[]> {
    const service = await this.repository.findService(serviceName, teams);
    if (!service) throw notFound('Service', serviceName);
    return (await this.repository.servings(service.id, change, limit)).map((row) => ({
      id: row.id,
      servedAt: row.served_at.toISOString(),
      actor: row.actor,
      tokenId: row.token_id,
      channel: row.channel,
      kind: row.kind,
      tool: row.tool,
      service: row.service_name,
      components: row.component_keys,
      threats: row.threat_keys,
      changeRef: row.change_ref,
      outcome: row.outcome,
    }));
  }

  /**
   * The service asked for by name, or else the one whose repository rules (its own patterns, its model's
   * components' rules) name the request's repository; several are a 400 that lists them.
   */
  private async serviceOf(ask: ContextAsk, teams: TeamScope): Promise<string> {
    if (ask.service !== null) return ask.service;
    if (ask.repo === null) throw invalid('Name the service (service=…), or the repository (repo=…) to find it by', [{ parameter: 'service', message: 'service or repo is required' }]);
    const found = servicesOfRepository((await this.repository.repositoryRules(teams)).map((row) => ({ service: row.name, repositoryRules: row.rules })), ask.repo);
    if (found.length === 1) return found[0];
    if (found.length === 0) throw notFound('A threat model for repository', ask.repo);
    throw invalid(`The repository ${ask.repo} belongs to several services: ${found.join(', ')}; name one with service=`, [{ parameter: 'service', message: `one of ${found.join(', ')}` }]);
  }

  private emptyAsk(service: string | null): ContextAsk {
    return { service, paths: [], components: [], repo: null, change: null, format: 'markdown', maxChars: null, maxTokens: null, boundary: 'ci' };
  }

  /** The request for the domain, refusing component names the model does not have. */
  private request(source: ContextSource, ask: ContextAsk) {
    const known = new Set(source.components.flatMap((c) => [c.key, c.name.trim().toLowerCase()]));
    const unknown = ask.components.filter((c) => !known.has(c) && !known.has(c.trim().toLowerCase()));
    if (unknown.length) {
      throw invalid(`The threat model of ${source.service} has no component ${unknown.map((c) => `"${c}"`).join(', ')}`, unknown.map(() => ({ parameter: 'component', message: 'no such component (key or name)' })));
    }
    return { paths: ask.paths, components: ask.components, repo: ask.repo, changeRef: ask.change };
  }

  private async modelOf(serviceName: string, teams: TeamScope): Promise<{ model: LatestModelRow }> {
    const service = await this.repository.findService(serviceName, teams);
    if (!service) throw notFound('Service', serviceName);
    const [model] = await this.repository.latestModels(teams, service.id);
    if (!model) throw notFound('Threat model of service', service.name);
    return { model };
  }

  /**
   * The model of the asked service with the escapes of the components the request selects (the most
   * recent `MAX_ESCAPES` of them; the counts cover all).
   */
  private async source(ask: ContextAsk, teams: TeamScope): Promise<{ source: ContextSource; model: LatestModelRow }> {
    const { model } = await this.modelOf(await this.serviceOf(ask, teams), teams);
    const source = await this.load(model);
    const selected = selectComponents(source, this.request(source, ask)).components.map((c) => c.key);
    const [escapes, counts] = await Promise.all([
      this.repository.escapes(model.model_id, selected, ask.boundary, MAX_ESCAPES),
      this.repository.escapeCounts(model.model_id, ask.boundary),
    ]);
    source.escapes = escapes.map((e) => ({
      findingId: e.finding_id,
      title: e.title,
      severity: e.severity,
      cweIds: e.cwe_ids,
      stage: e.stage,
      detectedAt: e.detected_at.toISOString(),
      path: e.path,
      findingClass: e.finding_class,
      component: e.component_key,
      threatKey: e.threat_key,
    }));
    source.escapeCounts = Object.fromEntries(counts.map((c) => [c.component_key, c.escapes]));
    return { source, model };
  }

  /** The latest version of the model, without escapes. */
  private async load(model: LatestModelRow): Promise<ContextSource> {
    const [components, threats, zones, boundaries] = await Promise.all([
      this.repository.components(model.version_id),
      this.repository.threats(model.version_id),
      this.repository.trustZones(model.version_id),
      this.repository.trustBoundaries(model.version_id),
    ]);
    return {
      service: model.service_name,
      model: modelRef(model),
      components: components.map(toModelComponent),
      threats: threats.map((t) =>
        toModelThreat(t, (t.mitigations ?? []).map((m) => ({ key: m.key, title: m.title, description: m.description ?? null, status: (m.status ?? null) as MitigationStatus | null }))),
      ),
      trustZones: zones.map((z) => ({ key: z.key, name: z.name, trustRating: z.trust_rating === null ? null : Number(z.trust_rating), description: z.description })),
      trustBoundaries: boundaries.map((b) => ({ key: b.key, name: b.name, fromZoneKey: b.from_zone_key, toZoneKey: b.to_zone_key, crossingComponentKeys: b.crossing_component_keys })),
      escapes: [],
      escapeCounts: {},
    };
  }

  private who({ caller, channel, tool }: ServingContext) {
    return {
      actor: actorOf(caller),
      userId: caller.kind === 'user' ? caller.id : null,
      tokenId: caller.kind === 'token' ? caller.id : null,
      channel,
      tool,
    };
  }

  private async record(context: ServingContext, kind: ContextKind, model: LatestModelRow, ask: ContextAsk, components: string[], threats: string[], served: Served<{ budget: { truncated: boolean } }>): Promise<void> {
    await this.repository.record({
      ...this.who(context),
      kind,
      serviceId: model.service_id,
      threatModelId: model.model_id,
      modelVersion: model.version_number,
      componentKeys: components,
      threatKeys: threats,
      pathCount: ask.paths.length,
      changeRef: ask.change,
      outcome: null,
      servedChars: served.text.length,
      truncated: served.value.budget.truncated,
    });
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
