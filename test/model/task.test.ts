import { describe, expect, it } from 'vitest';
import { Task } from '../../src/model/task.js';

describe('Task times record', () => {
  it('starts with createdAt 0 and every other time and event reference at -1', () => {
    const t = new Task();
    expect([t.createdAt, t.placedAt, t.pullStartedAt, t.startedAt, t.stoppingAt, t.stoppedAt, t.timer, t.endTimer]).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
  });

  it('keeps each task its own values, across record blocks and past 2^31 ms', () => {
    // More tasks than one block holds (4,096 records), so some records come from a second block.
    const tasks = Array.from({ length: 9_000 }, () => new Task());
    const base = 2 ** 31 + 7;
    tasks.forEach((t, i) => {
      t.createdAt = base + i * 8;
      t.placedAt = base + i * 8 + 1;
      t.pullStartedAt = base + i * 8 + 2;
      t.startedAt = base + i * 8 + 3;
      t.stoppingAt = base + i * 8 + 4;
      t.stoppedAt = base + i * 8 + 5;
      t.timer = 2 ** 40 + i;
      t.endTimer = 2 ** 41 + i;
    });
    tasks.forEach((t, i) => {
      expect([t.createdAt, t.placedAt, t.pullStartedAt, t.startedAt, t.stoppingAt, t.stoppedAt]).toEqual([0, 1, 2, 3, 4, 5].map((k) => base + i * 8 + k));
      expect(t.timer).toBe(2 ** 40 + i);
      expect(t.endTimer).toBe(2 ** 41 + i);
    });
  });
});
