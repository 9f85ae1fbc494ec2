import { describe, expect, it } from 'vitest';
import { compile, run, scenarioJson } from '../support/scenario.js';

describe('job streams and the job queue', () => {
  const base = {
    duration: '2h',
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 1 }],
    taskDefinitions: [
      { family: 'big', cpu: '1536', memory: '1024', containerDefinitions: [{ name: 'c' }], imagePullTime: 0, containerStartTime: 0 },
      { family: 'small', cpu: '512', memory: '512', containerDefinitions: [{ name: 'c' }], imagePullTime: 0, containerStartTime: 0 },
    ],
  };

  it('fixed-interval arrivals run one task each for its run time', () => {
    const model = compile(
      scenarioJson({
        ...base,
        jobs: [{ name: 'tick', taskDefinition: 'small', arrivals: { type: 'interval', every: '10m' }, runTime: '1m' }],
      }),
    );
    const job = run(model).summary.jobs[0];
    expect(job?.runTaskCalls).toBe(13); // 0, 10m, …, 120m
    expect(job?.tasksCompleted).toBe(12);
    expect(job?.waitSeconds.max).toBe(0);
  });

  it('waiting tasks start in arrival order as capacity frees (fifo)', () => {
    const model = compile(
      scenarioJson({
        ...base,
        jobs: [{ name: 'batch', taskDefinition: 'big', arrivals: { type: 'times', at: [0, 0, 0] }, runTime: '10m' }],
      }),
    );
    const result = run(model);
    // Two 1536-unit tasks cannot share the 2048-unit host.
    const starts = result.finished.map((t) => t.placedAt).sort((a, b) => a - b);
    expect(starts).toEqual([0, 600_000, 1_200_000]);
    expect(result.summary.jobs[0]?.waitSeconds.p50).toBe(600);
  });

  it('fifo blocks small tasks behind a big one; backfill lets them through', () => {
    const jobs = [
      { name: 'hog', taskDefinition: 'big', arrivals: { type: 'times', at: [0, '1s'] }, runTime: '30m' },
      { name: 'quick', taskDefinition: 'small', arrivals: { type: 'times', at: ['2s'] }, runTime: '1m' },
    ] as const;
    const fifo = run(compile(scenarioJson({ ...base, jobs: [...jobs] as never })));
    const backfill = run(compile(scenarioJson({ ...base, jobs: [...jobs] as never, simulation: { jobQueue: 'backfill' } })));
    // One 2-vCPU host: the first hog leaves 512 CPU units, the second hog waits 30 min for them. In fifo,
    // "quick" (512 units) waits behind it; with backfill it takes the free 512 units at once.
    expect(fifo.summary.jobs[1]?.waitSeconds.max).toBeCloseTo(1798, 0);
    expect(backfill.summary.jobs[1]?.waitSeconds.max).toBe(0);
  });

  it('backfill looks past every blocked stream: two hogs waiting do not hold up a third stream', () => {
    const jobs = [
      { name: 'hog', taskDefinition: 'big', arrivals: { type: 'times', at: [0, '1s'] }, runTime: '30m' },
      { name: 'hog2', taskDefinition: 'big', arrivals: { type: 'times', at: ['2s', '3s'] }, runTime: '30m' },
      { name: 'quick', taskDefinition: 'small', arrivals: { type: 'times', at: ['4s', '5s'] }, runTime: '1m' },
    ] as const;
    const result = run(compile(scenarioJson({ ...base, jobs: [...jobs] as never, simulation: { jobQueue: 'backfill' } })));
    // Waiting: hog's second task, then both of hog2's. quick's first task takes the 512 free units at
    // once; its second finds none (the pass that fails it ends there) and starts when the first ends.
    expect(result.summary.jobs[2]?.waitSeconds.max).toBeCloseTo(59, 0);
    expect(result.summary.jobs[2]?.waitSeconds.p50).toBe(0);
  });

  it('a Poisson stream has about the configured rate, and its own random stream', () => {
    const model = compile(
      scenarioJson({
        ...base,
        duration: '10h',
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.24xlarge', DesiredCapacity: 2 }],
        jobs: [{ name: 'p', taskDefinition: 'small', arrivals: { type: 'poisson', rate: '60/h' }, runTime: '1m' }],
      }),
    );
    const calls = run(model).summary.jobs[0]?.runTaskCalls ?? 0;
    expect(calls).toBeGreaterThan(500);
    expect(calls).toBeLessThan(700);
  });
});
