import type { RandomStreams } from '../engine/rng.js';
import type { EventKind, Simulation } from '../engine/simulation.js';
import { DemandCurve } from '../demand/demandCurve.js';
import { demandSteps } from '../demand/demandSteps.js';
import type { ClusterObserver, ClusterState } from '../model/clusterState.js';
import type { ServiceMetric } from '../model/scalingSpecs.js';
import type { ScenarioModel, ServiceSpec, TaskDefinitionSpec } from '../model/specs.js';
import { OwnerKind, TaskState, type Task } from '../model/task.js';
import { Phase } from '../sim/phases.js';
import { ServiceDemandStats } from '../metrics/demandStats.js';
import { RegistrationQueue } from './registrationQueue.js';

/**
 * Demand, the load balancer and CloudWatch-style service metrics (aws-behaviour.md §4 "Metrics").
 * A RUNNING task enters service `registrationMs` later (target healthy) and leaves when it stops
 * RUNNING, or earlier when the scheduler deregisters it ahead of a stop (deregistration delay). Only
 * samples read the in-service count, so registrations wait in a per-service queue (they fall due in
 * order) and each sample first takes those due. Demand is spread evenly over in-service tasks, each serving up to its load model's rate;
 * the rest is dropped. Every `metricSampleMs` the state is sampled (it holds until the next sample):
 * CPU % = mean over RUNNING tasks (in service: idle + (100 − idle) × load; not yet in service: idle),
 * memory % = the load model's, requests per target = requests served ÷ in-service tasks. Samples are
 * aggregated into datapoints per period (Average, Minimum, Maximum, Sum, SampleCount); a period
 * without a sample has no datapoint (missing data).
 */
export interface DatapointStats {
  readonly average: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly sum: number;
  readonly sampleCount: number;
}

export interface DatapointListener {
  /** `stats` is reused for the next datapoint: read it during the call, do not keep it. */
  datapoint(service: number, metric: ServiceMetric, periodMs: number, stats: DatapointStats | undefined, now: number): void;
}

const METRICS: readonly ServiceMetric[] = ['cpu', 'memory', 'requestsPerTarget'];

class Accumulator {
  sum = 0;
  min = Infinity;
  max = -Infinity;
  count = 0;
  private readonly stats: { -readonly [K in keyof DatapointStats]: DatapointStats[K] } = { average: 0, minimum: 0, maximum: 0, sum: 0, sampleCount: 0 };

  add(value: number): void {
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.count++;
  }

  /** The period's statistics (in an object reused by the next take), then a fresh period. */
  take(): DatapointStats | undefined {
    let out: DatapointStats | undefined;
    if (this.count > 0) {
      const stats = this.stats;
      stats.average = this.sum / this.count;
      stats.minimum = this.min;
      stats.maximum = this.max;
      stats.sum = this.sum;
      stats.sampleCount = this.count;
      out = stats;
    }
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.count = 0;
    return out;
  }
}

interface Tracked {
  readonly spec: ServiceSpec;
  readonly curve: DemandCurve;
  inService: number;
  /** Registrations not yet complete (registrationQueue.ts). */
  readonly registrations: RegistrationQueue;
  /** The datapoint periods (ms) asked for, and per period and metric the accumulator of the period in progress. */
  readonly periods: number[];
  readonly accumulators: Accumulator[][];
  readonly stats: ServiceDemandStats;
}

export class ServiceMetrics implements ClusterObserver {
  private readonly tracked: (Tracked | undefined)[];
  private readonly list: Tracked[] = [];
  private readonly tickKind: EventKind;
  /** Per task slot: the id of the task waiting to register (0: none), and whether it is in service. */
  private readonly waitingId: number[] = [];
  private readonly inLb: number[] = [];
  private readonly listeners: DatapointListener[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly model: ScenarioModel,
    streams: RandomStreams,
    private readonly runningOf: (service: number) => number,
    private readonly desiredOf: (service: number) => number,
    private readonly taskDefinitionOf: (service: number) => TaskDefinitionSpec,
    periods: readonly (readonly [number, number])[],
  ) {
    this.tracked = model.services.map((spec) => {
      if (spec.demand === undefined || spec.taskDefinition.load === undefined) return undefined;
      const t: Tracked = {
        spec,
        curve: new DemandCurve(spec.demand, model.startEpochMs, streams.stream(`service:${spec.name}:demandNoise`)),
        inService: 0,
        registrations: new RegistrationQueue(),
        periods: [],
        accumulators: [],
        stats: new ServiceDemandStats(model.scaling.sloServedPercent, demandSteps(spec.demand, model.startEpochMs, model.durationMs, model.scaling.demandStepPercent)),
      };
      this.list.push(t);
      return t;
    });
    for (const [service, periodMs] of periods) {
      const t = this.tracked[service];
      if (t === undefined || t.periods.includes(periodMs)) continue;
      t.periods.push(periodMs);
      t.accumulators.push(METRICS.map(() => new Accumulator()));
    }
    this.tickKind = sim.register('metrics.tick', Phase.Scaling, () => this.tick());
  }

  get active(): boolean {
    return this.list.length > 0;
  }

  onDatapoint(listener: DatapointListener): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.list.length > 0) this.sim.schedule(this.tickKind, 0);
  }

  stats(service: number): ServiceDemandStats | undefined {
    return this.tracked[service]?.stats;
  }

  taskStateChanged(task: Task, from: TaskState): void {
    if (task.ownerKind !== OwnerKind.Service) return;
    const t = this.tracked[task.owner];
    if (t === undefined) return;
    const slot = task.slot;
    if (task.state === TaskState.Running) {
      this.waitingId[slot] = task.id;
      t.registrations.push(this.sim.now + t.spec.registrationMs, slot, task.id);
    } else if (from === TaskState.Running) {
      this.waitingId[slot] = 0;
      if (this.inLb[slot] === 1) {
        this.inLb[slot] = 0;
        t.inService--;
      }
    }
  }

  /** The scheduler is stopping the task: it leaves the load balancer now (draining), not when it stops RUNNING. */
  taskDeregistering(task: Task): void {
    const t = this.tracked[task.owner];
    if (task.ownerKind !== OwnerKind.Service || t === undefined) return;
    const slot = task.slot;
    this.waitingId[slot] = 0;
    if (this.inLb[slot] === 1) {
      this.inLb[slot] = 0;
      t.inService--;
    }
  }

  /** The service whose due registrations are being taken (see registered). */
  private registering: Tracked | undefined;

  /**
   * A registration fell due: the task enters service if it is still the one waiting in its slot (a
   * task that left RUNNING, or is deregistering, no longer waits; a reused slot waits for its new task).
   */
  private readonly registered = (slot: number, id: number): void => {
    if (this.waitingId[slot] !== id) return;
    this.waitingId[slot] = 0;
    this.inLb[slot] = 1;
    (this.registering as Tracked).inService++;
  };

  private tick(): void {
    const now = this.sim.now;
    const dt = this.model.scaling.metricSampleMs;
    for (const t of this.list) {
      this.registering = t;
      t.registrations.takeDue(now, this.registered);
      // The revision being deployed (or deployed) decides what a task serves.
      const load = this.taskDefinitionOf(t.spec.index).load ?? t.spec.taskDefinition.load;
      if (load === undefined) continue;
      // Periods that end now are complete: publish their datapoints before sampling the next.
      if (now > 0) {
        for (let p = 0; p < t.periods.length; p++) {
          const periodMs = t.periods[p] as number;
          if (now % periodMs !== 0) continue;
          const accs = t.accumulators[p] as Accumulator[];
          for (let m = 0; m < accs.length; m++) {
            const stats = (accs[m] as Accumulator).take();
            for (const l of this.listeners) l.datapoint(t.spec.index, METRICS[m] as ServiceMetric, periodMs, stats, now);
          }
        }
      }
      const demand = t.curve.rateAt(now);
      const capacity = t.inService * load.requestsPerSecond;
      const served = Math.min(demand, capacity);
      const running = this.runningOf(t.spec.index);
      t.stats.record(now, dt, demand, served, this.desiredOf(t.spec.index));
      const utilisation = capacity > 0 ? served / capacity : 0;
      const inService = Math.min(t.inService, running);
      const cpu = running > 0 ? (inService * (load.idleCpuPercent + (100 - load.idleCpuPercent) * utilisation) + (running - inService) * load.idleCpuPercent) / running : undefined;
      t.stats.cpuPercent = cpu ?? 0;
      t.stats.memoryPercent = running > 0 ? load.memoryPercent : 0;
      // A service scaled to zero: the load balancer still counts requests (all refused) as one target's,
      // so it can scale out again (aws-behaviour.md §4 "Scale-to-zero").
      const atZero = running === 0 && demand > 0 && this.desiredOf(t.spec.index) === 0;
      const perTarget = t.inService > 0 ? (served * dt) / 1000 / t.inService : atZero ? (demand * dt) / 1000 : undefined;
      // In METRICS order: cpu, memory, requestsPerTarget (a metric without a value has no sample).
      for (const accs of t.accumulators) {
        if (cpu !== undefined) (accs[0] as Accumulator).add(cpu);
        if (running > 0) (accs[1] as Accumulator).add(load.memoryPercent);
        if (perTarget !== undefined) (accs[2] as Accumulator).add(perTarget);
      }
    }
    this.sim.scheduleIn(this.tickKind, dt);
  }
}
