import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError } from '../../src/engine/simulation.js';

describe('Simulation', () => {
  it('runs events in (time, phase, sequence) order', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const late = sim.register('late', 5, (p) => log.push(`late${p}@${sim.now}`));
    const early = sim.register('early', 1, (p) => log.push(`early${p}@${sim.now}`));
    sim.schedule(late, 10, 1);
    sim.schedule(early, 10, 2);
    sim.schedule(late, 10, 3);
    sim.schedule(early, 5, 4);
    sim.schedule(early, 10, 5);
    sim.run(100);
    expect(log).toEqual(['early4@5', 'early2@10', 'early5@10', 'late1@10', 'late3@10']);
  });

  it('cancels without running and ignores stale references', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const kind = sim.register('k', 0, (p) => log.push(p));
    const a = sim.schedule(kind, 5, 1);
    sim.schedule(kind, 6, 2);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    sim.run(10);
    expect(log).toEqual([2]);
    // The slot of `a` is reused by a new event; the old reference must not cancel it.
    sim.schedule(kind, 20, 3);
    expect(sim.cancel(a)).toBe(false);
    sim.run(30);
    expect(log).toEqual([2, 3]);
  });

  it('runs events due exactly at the horizon and leaves later ones pending', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const kind = sim.register('k', 200, (p) => log.push(p));
    sim.schedule(kind, 10, 1);
    sim.schedule(kind, 11, 2);
    sim.run(10);
    expect(log).toEqual([1]);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(1);
    sim.run(20);
    expect(log).toEqual([1, 2]);
  });

  it('handlers can schedule at the current instant and those run in the same step order', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const second = sim.register('second', 3, () => log.push('second'));
    const first = sim.register('first', 2, () => {
      log.push('first');
      sim.scheduleIn(second, 0);
    });
    sim.schedule(first, 7);
    sim.run(7);
    expect(log).toEqual(['first', 'second']);
  });

  it('refuses to schedule in the past or at fractional times', () => {
    const sim = new Simulation();
    const kind = sim.register('k', 0, () => undefined);
    sim.run(100);
    expect(() => sim.schedule(kind, 50)).toThrow(/cannot schedule/);
    expect(() => sim.schedule(kind, 150.5)).toThrow(/cannot schedule/);
  });

  it('hands payloads back as the int32 they were, and refuses any other payload', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const kind = sim.register('k', 0, (p) => seen.push(p));
    sim.schedule(kind, 1, 2_147_483_647);
    sim.schedule(kind, 2, -5);
    sim.run(10);
    expect(seen).toEqual([2_147_483_647, -5]);
    expect(() => sim.schedule(kind, 20, 0.5)).toThrow(/int32/);
    expect(() => sim.schedule(kind, 20, 2 ** 31)).toThrow(/int32/);
  });

  it('reports handler failures with the simulated time and event name', () => {
    const sim = new Simulation();
    const kind = sim.register('boom', 0, () => {
      throw new Error('bad state');
    });
    sim.schedule(kind, 42);
    expect(() => sim.run(100)).toThrow(SimulationError);
    expect(() => {
      const s2 = new Simulation();
      s2.schedule(s2.register('boom', 0, () => { throw new Error('x'); }), 42);
      s2.run(100);
    }).toThrow(/t=42ms in boom: x/);
  });

  it('keeps order and cancellation correct under many random holds', () => {
    const sim = new Simulation(16);
    let last = -1;
    let lastOrder = -1;
    let ran = 0;
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const refs: number[] = [];
    const kind = sim.register('k', 0, (p) => {
      expect(sim.now).toBeGreaterThanOrEqual(last);
      if (sim.now === last) expect(p).toBeGreaterThan(lastOrder);
      last = sim.now;
      lastOrder = p;
      ran++;
    });
    let order = 0;
    for (let i = 0; i < 5000; i++) refs.push(sim.schedule(kind, Math.floor(rand() * 1000), order++));
    let cancelled = 0;
    for (let i = 0; i < refs.length; i += 3) if (sim.cancel(refs[i] as number)) cancelled++;
    sim.run(2000);
    expect(ran).toBe(5000 - cancelled);
  });

  it('scheduleNow gives exactly the order schedule(now) gives, with or without events due first', () => {
    const trace = (useNow: boolean) => {
      const sim = new Simulation();
      const log: string[] = [];
      const pass = sim.register('pass', 4, (p) => log.push(`pass${p}@${sim.now}`));
      const late = sim.register('late', 6, (p) => log.push(`late${p}@${sim.now}`));
      const early = sim.register('early', 2, (p) => {
        log.push(`early${p}@${sim.now}`);
        if (useNow) sim.scheduleNow(pass, p);
        else sim.schedule(pass, sim.now, p);
      });
      sim.schedule(late, 5, 1);
      sim.schedule(early, 5, 2);
      sim.schedule(early, 5, 3); // a second same-phase event is due before the first pass
      sim.schedule(early, 9, 4); // nothing else due at 9: the pass runs straight after
      sim.schedule(pass, 12, 5);
      sim.run(20);
      return { log, events: sim.eventsProcessed };
    };
    expect(trace(true)).toEqual(trace(false));
    expect(trace(true).log).toEqual(['early2@5', 'early3@5', 'pass2@5', 'pass3@5', 'late1@5', 'early4@9', 'pass4@9', 'pass5@12']);
  });
});

