import { EventQueue, PHASES, type EventRef } from './eventQueue.js';
import type { SimTime } from './time.js';

/**
 * The discrete-event core. It knows nothing of ECS: components register event kinds (a name, a phase
 * and a handler taking one int32 payload, typically an index) and schedule them. Events run in
 * (time, phase, sequence) order; the phase of a kind fixes what happens first when several events
 * share an instant.
 */
export type Handler = (payload: number) => void;
export type EventKind = number;
export type { EventRef };

/** Runs after every other phase at the stop instant, so events due exactly at `until` still run. */
const STOP_PHASE = PHASES - 1;

interface KindInfo {
  readonly name: string;
  readonly phase: number;
  readonly handler: Handler;
}

export class SimulationError extends Error {
  constructor(
    message: string,
    readonly time: SimTime,
    readonly eventName: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SimulationError';
  }
}

export interface RunStats {
  readonly events: number;
  readonly endTime: SimTime;
}

export class Simulation {
  private clock: SimTime = 0;
  private readonly queue: EventQueue;
  private readonly kinds: KindInfo[] = [];
  private readonly handlers: Handler[] = [];
  private readonly phases: number[] = [];
  private stopped = false;
  /** An event asked for at the current instant by scheduleNow, not yet queued (-1: none). */
  private soonKind = -1;
  private soonPayload = 0;
  private dispatching = false;
  private processed = 0;
  private readonly stopKind: EventKind;
  /** Called every `progressEvery` events with the current time (used by the CLI's progress bar). */
  onProgress: ((now: SimTime, events: number) => void) | undefined;
  progressEvery = 1 << 20;

  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
    this.stopKind = this.register('engine.stop', STOP_PHASE, () => {
      this.stopped = true;
    });
  }

  get now(): SimTime {
    return this.clock;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Registers an event kind. Phase is a small integer (0..254); lower runs first at the same time. */
  register(name: string, phase: number, handler: Handler): EventKind {
    if (!Number.isInteger(phase) || phase < 0 || phase > STOP_PHASE) throw new Error(`bad phase ${phase} for ${name}`);
    const kind = this.kinds.length;
    this.kinds.push({ name, phase, handler });
    this.handlers.push(handler);
    this.phases.push(phase);
    return kind;
  }

  /** Schedules `kind` at absolute time `at` (integer ms, not in the past) with an int32 payload. */
  schedule(kind: EventKind, at: SimTime, payload = 0): EventRef {
    if (!(at >= this.clock) || !Number.isSafeInteger(at)) {
      throw new Error(`cannot schedule ${this.kinds[kind]?.name ?? kind} at ${at} (now ${this.clock})`);
    }
    if ((payload | 0) !== payload) throw new Error(`payload of ${this.kinds[kind]?.name ?? kind} must be an int32, got ${payload}`);
    return this.queue.push(at, this.phases[kind] as number, kind, payload);
  }

  scheduleIn(kind: EventKind, delay: SimTime, payload = 0): EventRef {
    return this.schedule(kind, this.clock + delay, payload);
  }

  /**
   * Schedules `kind` at the current time, like schedule(kind, now), but without a trip through the
   * queue when nothing else is due before it: after the running handler returns, it runs at once if the
   * queue's next event comes later in (time, phase, sequence) order, and is queued otherwise. The
   * order of events is exactly as with schedule(). Not cancellable; one per handler (else queued).
   */
  scheduleNow(kind: EventKind, payload = 0): void {
    if (this.soonKind >= 0 || !this.dispatching || (payload | 0) !== payload) {
      this.schedule(kind, this.clock, payload);
      return;
    }
    this.soonKind = kind;
    this.soonPayload = payload;
  }

  cancel(ref: EventRef): boolean {
    return this.queue.cancel(ref);
  }

  /** Processes events up to and including time `until`; the clock ends at `until`. */
  run(until: SimTime): RunStats {
    if (!Number.isSafeInteger(until) || until < this.clock) throw new Error(`bad run horizon ${until}`);
    this.stopped = false;
    this.schedule(this.stopKind, until);
    const queue = this.queue;
    let nextProgress = this.processed + this.progressEvery;
    while (!this.stopped) {
      const slot = queue.pop();
      if (slot < 0) break;
      const time = queue.timeOf(slot);
      const kind = queue.kindOf(slot);
      const payload = queue.payloadOf(slot);
      this.clock = time;
      this.dispatch(kind, payload);
      while (this.soonKind >= 0) {
        const soon = this.soonKind;
        this.soonKind = -1;
        if (queue.peekKey() > time * PHASES + (this.phases[soon] as number)) {
          this.processed++;
          this.dispatch(soon, this.soonPayload);
        } else this.schedule(soon, time, this.soonPayload);
      }
      if (++this.processed >= nextProgress) {
        nextProgress += this.progressEvery;
        this.onProgress?.(time, this.processed);
      }
    }
    this.clock = until;
    return { events: this.processed, endTime: until };
  }

  private dispatch(kind: EventKind, payload: number): void {
    this.dispatching = true;
    try {
      (this.handlers[kind] as Handler)(payload);
    } catch (error) {
      if (error instanceof SimulationError) throw error;
      const name = this.kinds[kind]?.name ?? String(kind);
      const text = error instanceof Error ? error.message : String(error);
      throw new SimulationError(`at t=${this.clock}ms in ${name}: ${text}`, this.clock, name, { cause: error });
    } finally {
      this.dispatching = false;
    }
  }
}
