import type { Random, RandomStreams } from '../engine/rng.js';
import type { EventKind, Simulation } from '../engine/simulation.js';
import type { PoolSelectorSpec, SpotSettingsSpec } from '../model/specs.js';
import { Phase } from '../sim/phases.js';
import { matches, modelsFor, poolHazard } from './interruptionRates.js';
import { SpotPool, type PoolKind, type SpotUnitOwner } from './spotPool.js';

/**
 * When Spot capacity is reclaimed or unavailable (aws-behaviour.md §6, §7). Per pool, combinable:
 * - a hazard (Advisor bucket and/or explicit rate): with n running units, one Poisson process of rate
 *   n·λ whose every event interrupts a unit chosen uniformly (equal, by memorylessness, to each unit
 *   having its own exponential clock); redrawn whenever n changes;
 * - a trace: at each listed time one running unit (chosen at random) is interrupted;
 * - reclaim waves: at a wave, round(fraction × n) units chosen at random get the notice at once;
 *   correlated waves strike every matched pool of one AZ (chosen at random among them) together;
 * - droughts: for a drawn duration the pool launches no Spot capacity.
 * Every pool and process draws from its own named stream, so adding one never shifts another.
 * The market only chooses units and times; the pool's owner acts (FargateCapacity, AutoScalingGroups).
 */
const POOLS = 1 << 16;

export class SpotMarket {
  readonly pools: SpotPool[] = [];
  private readonly hazardStreams: Random[] = [];
  private readonly traceStreams: Random[] = [];
  private readonly traceNext: number[] = [];
  private readonly traces: number[][] = [];
  private readonly hazardKind: EventKind;
  private readonly traceKind: EventKind;
  private readonly waveKind: EventKind;
  private readonly droughtKind: EventKind;
  private readonly droughtEndKind: EventKind;
  private readonly timelineStream: Random;

  constructor(
    private readonly sim: Simulation,
    private readonly settings: SpotSettingsSpec,
    private readonly streams: RandomStreams,
  ) {
    this.hazardKind = sim.register('spot.interruption', Phase.Infrastructure, (p) => this.onHazard(this.pool(p)));
    this.traceKind = sim.register('spot.trace', Phase.Infrastructure, (p) => this.onTrace(this.pool(p)));
    this.waveKind = sim.register('spot.wave', Phase.Infrastructure, (x) => this.onWave(Math.floor(x / POOLS), x % POOLS));
    this.droughtKind = sim.register('spot.drought', Phase.Infrastructure, (x) => this.onDrought(Math.floor(x / POOLS), this.pool(x % POOLS)));
    this.droughtEndKind = sim.register('spot.droughtEnd', Phase.Infrastructure, (p) => this.endDrought(this.pool(p)));
    this.timelineStream = streams.stream('spot:timeline');
  }

  /** Adds a pool; call before start(). `advisorBucket`: the instance type's Spot Advisor bucket. */
  addPool(key: string, kind: PoolKind, zone: string, instanceType: string | undefined, advisorBucket: number | undefined, owner: SpotUnitOwner): SpotPool {
    if (this.pools.length >= POOLS - 1) throw new Error(`more than ${POOLS - 2} Spot pools`);
    const pool = new SpotPool(this.pools.length, key, kind, zone, instanceType, owner);
    pool.hazardPerMs = poolHazard(this.settings, pool, advisorBucket);
    this.traces.push(
      modelsFor(this.settings, pool)
        .flatMap((m) => m.traceTimes)
        .sort((a, b) => a - b),
    );
    this.pools.push(pool);
    this.hazardStreams.push(this.streams.stream(`spot:${key}:hazard`));
    this.traceStreams.push(this.streams.stream(`spot:${key}:trace`));
    this.traceNext.push(0);
    return pool;
  }

  /** Schedules traces, waves and droughts. */
  start(): void {
    for (const pool of this.pools) {
      const times = this.traces[pool.index] as number[];
      if (times.length > 0) this.sim.schedule(this.traceKind, times[0] as number, pool.index);
    }
    this.settings.reclaimWaves.forEach((wave, w) => {
      if (wave.correlated) this.scheduleWave(w, POOLS - 1);
      else for (const pool of this.pools) if (matches(wave.match, pool)) this.scheduleWave(w, pool.index);
    });
    this.settings.droughts.forEach((d, i) => {
      for (const pool of this.pools) if (matches(d.match, pool)) this.scheduleDrought(i, pool);
    });
  }

  /** A unit starts running on Spot capacity in the pool. */
  unitStarted(pool: SpotPool, unit: number): void {
    pool.add(unit);
    this.rescheduleHazard(pool);
  }

  /** A unit left the pool (stopped, terminated); no notice. */
  unitEnded(pool: SpotPool, unit: number): void {
    if (pool.remove(unit)) this.rescheduleHazard(pool);
  }

  /** Timeline: a reclaim wave on the matched pools now. */
  reclaimWave(match: PoolSelectorSpec, fraction: number): void {
    for (const pool of this.pools) if (matches(match, pool)) this.reclaim(pool, fraction, this.timelineStream);
  }

  /** Timeline: the matched pools launch no Spot capacity for `durationMs`. */
  drought(match: PoolSelectorSpec, durationMs: number): void {
    for (const pool of this.pools) if (matches(match, pool)) this.startDrought(pool, durationMs);
  }

  private pool(index: number): SpotPool {
    return this.pools[index] as SpotPool;
  }

  private interrupt(pool: SpotPool, position: number): void {
    const unit = pool.unit(position);
    pool.remove(unit);
    pool.interruptions++;
    pool.owner.interrupt(unit, pool);
  }

  private rescheduleHazard(pool: SpotPool): void {
    if (pool.hazardEvent >= 0) this.sim.cancel(pool.hazardEvent);
    pool.hazardEvent = -1;
    const rate = pool.hazardPerMs * pool.size;
    if (rate <= 0) return;
    const gap = Math.max(1, Math.round(-Math.log(1 - (this.hazardStreams[pool.index] as Random)()) / rate));
    pool.hazardEvent = this.sim.scheduleIn(this.hazardKind, gap, pool.index);
  }

  private onHazard(pool: SpotPool): void {
    pool.hazardEvent = -1;
    if (pool.size > 0) this.interrupt(pool, Math.floor((this.hazardStreams[pool.index] as Random)() * pool.size));
    this.rescheduleHazard(pool);
  }

  private onTrace(pool: SpotPool): void {
    const times = this.traces[pool.index] as number[];
    const i = this.traceNext[pool.index] as number;
    if (pool.size > 0) this.interrupt(pool, Math.floor((this.traceStreams[pool.index] as Random)() * pool.size));
    this.traceNext[pool.index] = i + 1;
    const next = times[i + 1];
    if (next !== undefined) this.sim.schedule(this.traceKind, Math.max(next, this.sim.now), pool.index);
  }

  private waveStream(wave: number, pool: number): Random {
    return this.streams.stream(pool === POOLS - 1 ? `spot:wave:${wave}` : `spot:wave:${wave}:${this.pool(pool).key}`);
  }

  private scheduleWave(wave: number, pool: number): void {
    const spec = this.settings.reclaimWaves[wave];
    if (spec === undefined) return;
    const gap = Math.max(1, Math.round(-spec.meanGapMs * Math.log(1 - this.waveStream(wave, pool)())));
    this.sim.scheduleIn(this.waveKind, gap, wave * POOLS + pool);
  }

  private onWave(wave: number, pool: number): void {
    const spec = this.settings.reclaimWaves[wave];
    if (spec === undefined) return;
    const rng = this.waveStream(wave, pool);
    if (pool === POOLS - 1) {
      const matched = this.pools.filter((p) => matches(spec.match, p));
      const zones = [...new Set(matched.map((p) => p.zone))];
      const zone = zones[Math.floor(rng() * zones.length)];
      for (const p of matched) if (p.zone === zone) this.reclaim(p, spec.fraction, rng);
    } else this.reclaim(this.pool(pool), spec.fraction, rng);
    this.scheduleWave(wave, pool);
  }

  /** round(fraction × n) distinct running units, chosen uniformly, get the notice. */
  private reclaim(pool: SpotPool, fraction: number, rng: Random): void {
    const count = Math.round(fraction * pool.size);
    for (let k = 0; k < count && pool.size > 0; k++) this.interrupt(pool, Math.floor(rng() * pool.size));
    this.rescheduleHazard(pool);
  }

  private droughtStream(drought: number, pool: SpotPool): Random {
    return this.streams.stream(`spot:drought:${drought}:${pool.key}`);
  }

  private scheduleDrought(drought: number, pool: SpotPool): void {
    const spec = this.settings.droughts[drought];
    if (spec === undefined) return;
    const gap = Math.max(1, Math.round(-spec.meanGapMs * Math.log(1 - this.droughtStream(drought, pool)())));
    this.sim.scheduleIn(this.droughtKind, gap, drought * POOLS + pool.index);
  }

  private onDrought(drought: number, pool: SpotPool): void {
    const spec = this.settings.droughts[drought];
    if (spec === undefined) return;
    this.startDrought(pool, spec.duration.sample(this.droughtStream(drought, pool)));
    this.scheduleDrought(drought, pool);
  }

  private startDrought(pool: SpotPool, durationMs: number): void {
    pool.droughts++;
    this.sim.scheduleIn(this.droughtEndKind, Math.max(1, durationMs), pool.index);
  }

  private endDrought(pool: SpotPool): void {
    pool.droughts--;
    if (!pool.dry) pool.owner.capacityReturned(pool);
  }
}
