import { describe, expect, it } from 'vitest';
import { circuitBreakerThreshold, planRollout, Rollout, rolloutBounds, type DeploymentRecord } from '../../src/scheduler/deployment.js';
import type { CircuitBreakerSpec } from '../../src/model/specs.js';
import { makeTaskDefinition, runningTask } from '../support/builders.js';
import { compile, run } from '../support/scenario.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Reference: aws-behaviour.md §5 "Rolling deployment" (rounding and the two worked examples) and
// "Circuit breaker" (threshold = ceil(0.5 × desired) clamped to [3, 200]; 10 in the 2023 docs).
const breaker = (minimumThreshold = 3): CircuitBreakerSpec => ({ rollback: true, resetOnHealthyTask: true, thresholdType: 'BOUNDED_PERCENT', thresholdValue: 50, minimumThreshold });

describe('rolling deployments', () => {
  it('rounds min up and max down', () => {
    expect(rolloutBounds(2, 75, 200)).toEqual({ minHealthy: 2, maxTotal: 4 });
    expect(rolloutBounds(3, 100, 125)).toEqual({ minHealthy: 3, maxTotal: 3 });
  });

  it('min 75% of 2 stops no task; max 125% of 3 starts none', () => {
    const oldTd = makeTaskDefinition(256, 512);
    const newTd = { ...makeTaskDefinition(256, 512), key: 'td:2' };
    const record: DeploymentRecord = { taskDefinition: 'td:2', from: 'td:1', rollback: false, startedAt: 100_000, endedAt: -1, state: 'IN_PROGRESS', failedTasks: 0 };
    const r = new Rollout(newTd, oldTd, record, breaker(), 40_000);
    const two = [runningTask(oldTd, 0), runningTask(oldTd, 0)];
    // max 100% leaves no room to start one either: the deployment cannot move (AWS's example).
    expect(planRollout(r, two, 2, 75, 100, 100_000)).toMatchObject({ stop: [], start: 0 });
    const three = [runningTask(oldTd, 0), runningTask(oldTd, 0), runningTask(oldTd, 0)];
    expect(planRollout(r, three, 3, 100, 125, 100_000)).toMatchObject({ stop: [], start: 0 });
    // With max 200% the new tasks start first, and old ones stop once new ones are healthy.
    expect(planRollout(r, two, 2, 75, 200, 100_000)).toMatchObject({ stop: [], start: 2 });
  });

  it('a task object reused for a new task (tasks are pooled) has not passed the health check its predecessor passed', () => {
    const oldTd = makeTaskDefinition(256, 512);
    const newTd = { ...makeTaskDefinition(256, 512), key: 'td:2' };
    const record: DeploymentRecord = { taskDefinition: 'td:2', from: 'td:1', rollback: false, startedAt: 100_000, endedAt: -1, state: 'IN_PROGRESS', failedTasks: 0 };
    const r = new Rollout(newTd, oldTd, record, breaker(), 40_000);
    const t = runningTask(newTd, 200_000);
    t.id = 7;
    expect(r.healthy(t, 240_000)).toBe(false);
    r.passedCheck(t);
    expect(r.healthy(t, 240_000)).toBe(true);
    // The same object, stopped and recycled as task 8: healthy only once task 8 passes.
    t.id = 8;
    t.startedAt = 300_000;
    expect(r.healthy(t, 340_000)).toBe(false);
    r.passedCheck(t);
    expect(r.healthy(t, 340_000)).toBe(true);
  });

  it('circuit breaker thresholds for desired 1, 25 and 400 (and the 2023 minimum of 10)', () => {
    expect([1, 25, 400].map((d) => circuitBreakerThreshold(breaker(), d))).toEqual([3, 13, 200]);
    expect([1, 25, 400].map((d) => circuitBreakerThreshold(breaker(10), d))).toEqual([10, 13, 200]);
  });

  it('a clean revision completes; a failing one trips the breaker and rolls back', () => {
    const path = join(import.meta.dirname, '../../scenarios/rolling-deployment.json');
    const model = compile(JSON.parse(readFileSync(path, 'utf8')));
    const result = run(model);
    const deployments = (result.summary.services[0] as { deployments: { taskDefinition: string; state: string; rollback: boolean; failedTasks: number }[] }).deployments;
    expect(deployments.map((d) => [d.taskDefinition, d.state, d.rollback])).toEqual([
      ['web:2', 'COMPLETED', false],
      ['web:3', 'FAILED', false],
      ['web:2', 'COMPLETED', true],
    ]);
    expect(deployments[1]?.failedTasks).toBeGreaterThanOrEqual(5);
    // Never more than floor(10 × 200%) = 20 tasks, never fewer RUNNING than ceil(10 × 50%) = 5 once up.
    for (const row of result.samples.filter((r) => r.timeMs >= 600_000)) {
      const s = row.services[0];
      expect((s?.running ?? 0) + (s?.pending ?? 0)).toBeLessThanOrEqual(20);
      expect(s?.running ?? 0).toBeGreaterThanOrEqual(5);
    }
    const last = result.unfinished.filter((t) => t.owner === 'web');
    expect(last).toHaveLength(10);
  });
});
