import type { Host } from '../model/host.js';
import { MISSING_VALUE } from '../model/hostIndex.js';
import type { StrategySpec } from '../model/specs.js';
import { firstFailingStage } from './feasibility.js';
import { hostsOf } from './scan.js';
import { compareFrom, strategyKey } from './strategyKeys.js';
import { Stage, STAGE_REASONS, type PlacementRequest, type PlacementView } from './types.js';

/**
 * Why a task went where it went, for teaching (`run --explain`): every ACTIVE host of the view through
 * the filters in pipeline order (how many each stage removed), then the strategies in list order over
 * the hosts that passed: at each level, how many hosts were still tied, the chosen host's key and the
 * best key there. Pure; costs a full scan, so it runs only for the workloads asked for.
 */
export interface StrategyLevel {
  readonly strategy: string;
  /** Hosts still tied with the chosen one on the strategies before this one. */
  readonly candidates: number;
  readonly chosenKey: number;
  readonly bestKey: number;
  /** spread(attribute): tasks of the group per value among those candidates, by value. */
  readonly counts?: Readonly<Record<string, number>>;
}

export interface PlacementExplanation {
  readonly hostsConsidered: number;
  /** Hosts each filter stage removed, in pipeline order (stages that removed none left out). */
  readonly removed: readonly (readonly [string, number])[];
  readonly feasible: number;
  readonly levels: readonly StrategyLevel[];
  /** The best few feasible hosts in the chain's order (a random pick may choose another of the tied). */
  readonly ranking: readonly { readonly instanceId: string; readonly zone: string; readonly keys: readonly number[] }[];
  /** Hosts still tied after every strategy before any `random`: the pick among them is random or the lowest index. */
  readonly tiedAtEnd: number;
  readonly tieBreak: 'random' | 'lowest index';
}

export function strategyName(s: StrategySpec): string {
  if (s.type === 'binpack') return `binpack(${s.resource})`;
  if (s.type === 'random') return 'random';
  return s.field === 'instanceId' ? 'spread(instanceId)' : `spread(attribute:${s.attribute})`;
}

const ZONE = 'ecs.availability-zone';

export function explainPlacement(request: PlacementRequest, view: PlacementView, chosen: Host, randomTieBreak: boolean, top = 5): PlacementExplanation {
  const hosts = hostsOf(view.index.all.any, view);
  const removedBy = new Array<number>(STAGE_REASONS.length).fill(0);
  const feasible: Host[] = [];
  for (const host of hosts) {
    const stage = firstFailingStage(host, request);
    if (stage === Stage.Fits) feasible.push(host);
    else removedBy[stage] = (removedBy[stage] as number) + 1;
  }
  const strategies = request.placement.strategies;
  const keyed = strategies.filter((s) => s.type !== 'random');
  const cut = strategies.findIndex((s) => s.type === 'random');
  const levels: StrategyLevel[] = [];
  let tied = feasible;
  for (const s of cut < 0 ? strategies : strategies.slice(0, cut)) {
    const keys = tied.map((h) => strategyKey(s, h, request, view));
    const chosenKey = strategyKey(s, chosen, request, view);
    let bestKey = Infinity;
    for (const k of keys) if (k < bestKey) bestKey = k;
    const level: StrategyLevel = { strategy: strategyName(s), candidates: tied.length, chosenKey, bestKey };
    if (s.type === 'spread' && s.field === 'attribute') {
      const counts: Record<string, number> = {};
      tied.forEach((h, i) => {
        counts[h.attribute(s.attribute) ?? MISSING_VALUE] = keys[i] as number;
      });
      levels.push({ ...level, counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))) });
    } else levels.push(level);
    tied = tied.filter((_, i) => keys[i] === chosenKey);
  }
  const ranked = [...feasible].sort((a, b) => compareFrom(keyed, 0, a, b, request, view));
  return {
    hostsConsidered: hosts.length,
    removed: removedBy.map((n, stage) => [STAGE_REASONS[stage] as string, n] as const).filter(([, n]) => n > 0),
    feasible: feasible.length,
    levels,
    ranking: ranked.slice(0, top).map((h) => ({ instanceId: h.instanceId, zone: h.attribute(ZONE) ?? '', keys: keyed.map((s) => strategyKey(s, h, request, view)) })),
    tiedAtEnd: tied.length,
    tieBreak: cut >= 0 || randomTieBreak ? 'random' : 'lowest index',
  };
}
