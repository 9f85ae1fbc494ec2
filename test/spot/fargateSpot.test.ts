import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema/scenario.js';
import { simulate } from '../../src/sim/simulate.js';
import { compile, run, scenarioJson } from '../support/scenario.js';

const web = { family: 'web', cpu: '256', memory: '512', networkMode: 'awsvpc' as const, containerDefinitions: [{ name: 'web', stopTimeout: 120 }], imagePullTime: '0s', containerStartTime: '0s', shutdownTime: '10m' };

function spotService(desiredCount: number, overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return scenarioJson({
    autoScalingGroups: [],
    cluster: { capacityProviders: ['FARGATE', 'FARGATE_SPOT'] },
    taskDefinitions: [web],
    fargate: { provisioningTime: '0s' },
    services: [{ serviceName: 's', taskDefinition: 'web', desiredCount, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }],
    ...overrides,
  });
}

// Reference: aws-behaviour.md §6 "Fargate Spot interruption": 2-minute warning, SIGTERM, SIGKILL after
// stopTimeout (≤ 120 s), the service launches a replacement; with no Spot capacity the service waits.
describe('Fargate Spot interruptions', () => {
  it('the notice precedes the kill by exactly 2 minutes, and the replacement starts at the notice', () => {
    const json = spotService(1, { events: [{ type: 'reclaimWave', at: '10m', match: { capacityProvider: 'FARGATE_SPOT' }, fraction: 1 }] });
    const result = run(compile(json));
    const [old] = result.finished;
    expect(old?.stoppingAt).toBe(600_000);
    expect(old?.stoppedAt).toBe(720_000);
    expect(old?.stopCode).toBe('SpotInterruption');
    const replacement = result.unfinished[0];
    expect(replacement?.placedAt).toBe(600_000);
    expect(replacement?.startedAt).toBe(600_000);
    const s = result.summary.services[0];
    expect(s?.spot.interrupted).toBe(1);
    expect(s?.spot.replacementLatencySeconds).toEqual({ replaced: 1, p50: 0, p95: 0 });
    expect(s?.tasks.stoppedByScheduler).toBe(0);
    expect(result.summary.spot.pools.map((p) => p.interruptions)).toEqual([1, 0, 0]);
  });

  it('a task whose stopTimeout is shorter dies sooner', () => {
    const json = spotService(1, {
      taskDefinitions: [{ ...web, containerDefinitions: [{ name: 'web', stopTimeout: 30 }] }],
      events: [{ type: 'reclaimWave', at: '10m', fraction: 1 }],
    });
    expect(run(compile(json)).finished[0]?.stoppedAt).toBe(630_000);
  });

  it('during a drought the replacement waits in PROVISIONING until capacity returns', () => {
    const json = spotService(1, {
      duration: '2h',
      events: [
        { type: 'spotDrought', at: '9m', match: { capacityProvider: 'FARGATE_SPOT' }, duration: '30m' },
        { type: 'reclaimWave', at: '10m', fraction: 1 },
      ],
    });
    const result = run(compile(json));
    const waiting = result.samples.filter((r) => r.spotWaiting > 0).map((r) => r.timeMs);
    expect(waiting[0]).toBe(10 * 60_000);
    expect(waiting[waiting.length - 1]).toBe(38 * 60_000);
    const replacement = result.unfinished[0];
    expect(replacement?.placedAt).toBe(600_000);
    expect(replacement?.pullStartedAt).toBe(39 * 60_000);
    const s = result.summary.services[0];
    // Below desired from the notice at 10m (a STOPPING task no longer counts as running) until the replacement ran at 39m.
    expect(s?.spot.secondsBelowDesiredFromSpot).toBe(29 * 60);
    expect(s?.spot.replacementLatencySeconds.p50).toBe(29 * 60);
  });

  it('a reclaim wave takes round(fraction × running) tasks of each pool at once', () => {
    // 10 tasks over three zones: pools of 4, 3 and 3 → 2 + 2 + 2 (1.5 rounds up).
    const json = spotService(10, { events: [{ type: 'reclaimWave', at: '10m', fraction: 0.5 }] });
    const result = run(compile(json));
    expect(result.summary.spot.pools.map((p) => p.interruptions)).toEqual([2, 2, 2]);
    expect(result.summary.spot.tasksInterrupted).toBe(6);
    expect(result.finished.every((r) => r.stoppingAt === 600_000)).toBe(true);
    expect(result.unfinished.filter((r) => r.state === 'RUNNING').length).toBe(10);
  });

  it('with 1,000 seeds the hazard model interrupts at its rate (within 4 standard errors)', () => {
    // 10 tasks, each interrupted at rate 1/day, kept at 10 by replacements: interruptions in one day
    // are Poisson with mean 10, so the mean over n seeds has standard error sqrt(10 / n).
    const base = spotService(10, { duration: '1d', sampleInterval: '1d', spot: { interruptions: [{ match: { capacityProvider: 'FARGATE_SPOT' }, rate: '1/d' }] } });
    const model = compile(base);
    const seeds = 1000;
    let total = 0;
    for (let seed = 1; seed <= seeds; seed++) total += simulate({ ...model, seed }).summary.spot.interruptions;
    const mean = total / seeds;
    expect(Math.abs(mean - 10)).toBeLessThan(4 * Math.sqrt(10 / seeds));
  });

  it('adding Spot randomness does not shift any job arrival', () => {
    const job = { name: 'j', taskDefinition: 'web', launchType: 'FARGATE' as const, arrivals: { type: 'poisson' as const, rate: '30/h' }, runTime: '5m' };
    const plain = run(compile(spotService(0, { duration: '6h', jobs: [job] })));
    const spotty = run(
      compile(
        spotService(20, {
          duration: '6h',
          jobs: [job],
          spot: { interruptions: [{ match: {}, rate: '5/d' }], reclaimWaves: [{ match: {}, rate: '4/d', fraction: 0.3 }], droughts: [{ match: {}, rate: '2/d', duration: '20m' }] },
        }),
      ),
    );
    const arrivals = (r: typeof plain) => [...r.finished, ...r.unfinished].filter((t) => t.owner === 'j').map((t) => t.createdAt);
    expect(spotty.summary.spot.interruptions).toBeGreaterThan(0);
    expect(arrivals(spotty).sort((a, b) => a - b)).toEqual(arrivals(plain).sort((a, b) => a - b));
  });
});
