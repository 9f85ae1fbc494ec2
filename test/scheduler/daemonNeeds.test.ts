import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/model/host.js';
import { DaemonNeeds } from '../../src/scheduler/daemonNeeds.js';

const host = (name: string) => ({ instanceId: name }) as unknown as Host;

describe('DaemonNeeds', () => {
  it('tries an instance again only after a task on it changed, in the order instances came to need the daemon', () => {
    const [a, b, c] = [host('a'), host('b'), host('c')];
    const needs = new DaemonNeeds();
    needs.add(b);
    needs.add(a);
    needs.add(c);
    expect(needs.takeDue()).toEqual([b, a, c]);
    // Nothing changed on them: nothing is due.
    expect(needs.dueCount).toBe(0);
    expect(needs.takeDue()).toEqual([]);
    expect(needs.touched(c)).toBe(true);
    expect(needs.touched(b)).toBe(true);
    expect(needs.touched(host('other'))).toBe(false);
    // Due again in their original order, not the order of the changes.
    expect(needs.takeDue()).toEqual([b, c]);
    // One that got its daemon and needs it again later (its task stopped) goes to the back.
    needs.delete(b);
    expect(needs.touched(b)).toBe(false);
    needs.add(b);
    needs.touched(a);
    expect(needs.takeDue()).toEqual([a, b]);
    expect(needs.size).toBe(3);
  });
});
