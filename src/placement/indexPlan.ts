import type { IndexRequirements } from '../model/hostIndex.js';
import type { OrderName } from '../model/partition.js';
import type { StrategySpec } from '../model/specs.js';
import { spreadBeforeRandom } from './randomPick.js';
import { randomPosition } from './scan.js';

/**
 * Which host orders the indexed search (place.ts) will walk for these strategy chains, so the cluster
 * keeps exactly those up to date. Mirrors place.ts's search step by step, and randomPick.ts's need of
 * value partitions.
 */
export function indexRequirements(chains: readonly (readonly StrategySpec[])[], randomTieBreak: boolean): IndexRequirements {
  const global = new Set<OrderName>(['mem']);
  const byAttribute = new Map<string, Set<OrderName>>();
  const need = (attribute: string | undefined, order: OrderName) => {
    if (attribute === undefined) global.add(order);
    else byAttribute.get(attribute)?.add(order);
  };
  const walk = (chain: readonly StrategySpec[], i: number, attribute: string | undefined): void => {
    if (i === chain.length) return need(attribute, 'idx');
    const s = chain[i] as StrategySpec;
    if (s.type === 'binpack') return need(attribute, s.resource === 'memory' ? 'mem' : 'cpu');
    if (s.type === 'spread' && s.field === 'instanceId') return walk(chain, i + 1, attribute);
    if (s.type === 'spread' && attribute === undefined) {
      if (!byAttribute.has(s.attribute)) byAttribute.set(s.attribute, new Set<OrderName>());
      return walk(chain, i + 1, s.attribute);
    }
    need(attribute, 'idx');
  };
  for (const chain of chains) {
    const cut = randomPosition(chain, randomTieBreak);
    if (cut < 0) walk(chain, 0, undefined);
    // Random after spread(attribute) picks from the value partitions' fit sets (randomPick.ts); other
    // chains with a random need no order (the fit set of all hosts, or the scan).
    const attribute = spreadBeforeRandom(chain, cut);
    if (attribute !== undefined && !byAttribute.has(attribute)) byAttribute.set(attribute, new Set<OrderName>());
  }
  for (const orders of byAttribute.values()) if (orders.size === 0) orders.add('idx');
  return { global, byAttribute };
}
