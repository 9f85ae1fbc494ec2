import { Simulation } from '../src/engine/simulation.js';

/**
 * The classic hold model: `pending` events in the queue; each event, when it runs, schedules one more
 * at now + a random increment. Measures the engine alone (no ECS code).
 */
export function holdModel(pending: number, events: number): { events: number; wallMs: number } {
  const sim = new Simulation(pending);
  let seed = 12345;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  let count = 0;
  const kind = sim.register('hold', 1, () => {
    count++;
    if (count + pending <= events) sim.scheduleIn(kind, 1 + Math.floor(rand() * 1000));
  });
  for (let i = 0; i < pending; i++) sim.schedule(kind, Math.floor(rand() * 1000));
  const started = performance.now();
  sim.run(2 ** 44);
  return { events: count, wallMs: performance.now() - started };
}
