import { describe, expect, it } from 'vitest';
import { planRollout, Rollout, type DeploymentRecord } from '../../src/scheduler/deployment.js';
import { RolloutTracker } from '../../src/scheduler/rolloutTracker.js';
import type { CircuitBreakerSpec } from '../../src/model/specs.js';
import { makeTaskDefinition, runningTask } from '../support/builders.js';

// Reference: aws-behaviour.md §5 (a new task counts as healthy once it passes its health check).
const breaker: CircuitBreakerSpec = { rollback: true, resetOnHealthyTask: true, thresholdType: 'BOUNDED_PERCENT', thresholdValue: 50, minimumThreshold: 3 };

describe('RolloutTracker', () => {
  it('a new task that matured before passing its check turns healthy when it passes, as planRollout sees it', () => {
    const oldTd = makeTaskDefinition(256, 512);
    const newTd = { ...makeTaskDefinition(256, 512), key: 'td:2' };
    const record: DeploymentRecord = { taskDefinition: 'td:2', from: 'td:1', rollback: false, startedAt: 100_000, endedAt: -1, state: 'IN_PROGRESS', failedTasks: 0 };
    const r = new Rollout(newTd, oldTd, record, breaker, 40_000);
    const old = runningTask(oldTd, 0, 1);
    const tracker = new RolloutTracker(r, [old], 100_000);
    const fresh = runningTask(newTd, 200_000, 2);
    tracker.added(fresh);
    tracker.running(fresh);
    // At 240 s the new task has run 40 s but not passed: the old one must stay (min 100% of 1).
    expect(tracker.plan(1, 100, 200, 240_000)).toEqual(planRollout(r, [old, fresh], 1, 100, 200, 240_000));
    expect(tracker.plan(1, 100, 200, 240_000).stop).toEqual([]);
    r.passedCheck(fresh);
    tracker.passed(fresh, 240_000);
    const step = tracker.plan(1, 100, 200, 240_000);
    expect(step).toEqual(planRollout(r, [old, fresh], 1, 100, 200, 240_000));
    expect(step.stop).toEqual([old]);
    tracker.removed(old);
    expect(tracker.plan(1, 100, 200, 240_000)).toMatchObject({ stop: [], start: 0, done: true });
  });
});
