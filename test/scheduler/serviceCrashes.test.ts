import { describe, expect, it } from 'vitest';
import { compile, run, scenarioJson, type TaskRow } from '../support/scenario.js';

// timeToCrash is a simulation knob (no AWS source): each RUNNING task of the service crashes after an
// exponential time. ServiceCrashes draws this as one thinned Poisson process per service
// (src/scheduler/serviceCrashes.ts); these tests check it against the per-task model it replaces.
const HOUR = 3_600_000;
const CRASH = 'EssentialContainerExited';

function crashRun(seed: number, events: unknown[], duration: string) {
  const model = compile(
    scenarioJson({
      seed,
      duration,
      autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 10 }],
      taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }], imagePullTime: 0, containerStartTime: 0 }],
      services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 2, timeToCrash: { type: 'exponential', mean: '1h' } }],
      events: events as never,
    }),
  );
  return run(model);
}

const crashedIn = (rows: readonly TaskRow[], from: number, to: number) =>
  rows.filter((r) => r.stopCode === CRASH && r.stoppedAt >= from && r.stoppedAt < to).length;

describe('service crashes (thinned Poisson process per service)', () => {
  it('crash counts follow running-task-hours / mean while the running count rises and falls', () => {
    // 2 tasks for 100 h, 60 tasks for 100 h (the bound is raised), 2 tasks for 100 h (it is lowered).
    const result = crashRun(
      7,
      [
        { type: 'setDesiredCount', at: '100h', serviceName: 'web', desiredCount: 60 },
        { type: 'setDesiredCount', at: '200h', serviceName: 'web', desiredCount: 2 },
      ],
      '300h',
    );
    // Poisson counts: expected 200, 6,000 and 200 crashes (standard deviations about 14, 77, 14).
    // Bounds of about 5 standard deviations; the minutes of each change (tasks starting, the
    // deregistration delay of the scale-in) move the means by far less.
    const first = crashedIn(result.finished, 0, 100 * HOUR);
    const second = crashedIn(result.finished, 100 * HOUR + 10 * 60_000, 200 * HOUR);
    const third = crashedIn(result.finished, 200 * HOUR + 10 * 60_000, 300 * HOUR);
    expect(first).toBeGreaterThan(200 - 70);
    expect(first).toBeLessThan(200 + 70);
    expect(second).toBeGreaterThan(6_000 * (1 - 10 / 600) - 400);
    expect(second).toBeLessThan(6_000 + 400);
    expect(third).toBeGreaterThan(200 * (1 - 10 / 6000) - 70);
    expect(third).toBeLessThan(200 + 70);
  });

  it('the crashed task is uniform among the running: lifetimes are exponential with the mean', () => {
    const result = crashRun(11, [{ type: 'setDesiredCount', at: '0s', serviceName: 'web', desiredCount: 10 }], '100h');
    const lifetimes = result.finished.filter((r) => r.stopCode === CRASH).map((r) => r.stoppedAt - r.startedAt);
    // About 1,000 lifetimes. Mean 1 h (standard error about 3%); P(lifetime > 2 h) = e^-2 ≈ 0.135
    // (standard error about 0.011). A victim that were not uniform (always the oldest, or the newest)
    // would give far more or far fewer long lifetimes.
    expect(lifetimes.length).toBeGreaterThan(850);
    const mean = lifetimes.reduce((a, b) => a + b, 0) / lifetimes.length;
    expect(mean / HOUR).toBeGreaterThan(0.85);
    expect(mean / HOUR).toBeLessThan(1.15);
    const long = lifetimes.filter((ms) => ms > 2 * HOUR).length / lifetimes.length;
    expect(long).toBeGreaterThan(Math.exp(-2) - 0.045);
    expect(long).toBeLessThan(Math.exp(-2) + 0.045);
  });

  it('over many seeds, the crash count of a short run matches the per-task rate (mean within 3 standard errors)', () => {
    // 4 tasks × 10 h / 1 h: 40 crashes expected per run; 40 seeds give a mean with standard error 1.
    let total = 0;
    const seeds = 40;
    for (let seed = 1; seed <= seeds; seed++) {
      total += crashRun(seed, [{ type: 'setDesiredCount', at: '0s', serviceName: 'web', desiredCount: 4 }], '10h').summary.services[0]?.tasks.crashed ?? 0;
    }
    expect(total / seeds).toBeGreaterThan(37);
    expect(total / seeds).toBeLessThan(43);
  });
});
