import { describe, expect, it } from 'vitest';
import { FREE_STRIDE, FreeTable } from '../../src/model/freeTable.js';

describe('free table (one record per host index: free amounts, flags, partition list)', () => {
  it('keeps each host’s free amounts, membership, hole flag and list apart, across growth', () => {
    const t = new FreeTable();
    t.set(3, 4096, 1024);
    t.setMember(3, true);
    t.setList(3, 2);
    // Far past the first allocation: the table grows and keeps what it held.
    t.set(5_000, 7, 9);
    expect(t.data.length).toBeGreaterThan(FREE_STRIDE * 5_000);
    expect([t.mem(3), t.cpu(3), t.list(3), t.isMember(3), t.isHole(3)]).toEqual([4096, 1024, 2, true, false]);
    expect([t.mem(5_000), t.cpu(5_000), t.isMember(5_000)]).toEqual([7, 9, false]);
    // The two flags are independent bits.
    t.setHole(3, true);
    t.setMember(3, false);
    expect([t.isMember(3), t.isHole(3)]).toEqual([false, true]);
    t.setMember(3, true);
    t.setHole(3, false);
    expect([t.isMember(3), t.isHole(3)]).toEqual([true, false]);
    // Walks read a record straight from `data`.
    expect([t.data[FREE_STRIDE * 5_000], t.data[FREE_STRIDE * 5_000 + 1]]).toEqual([7, 9]);
    // An index never set is not a member, even beyond the table.
    expect(t.isMember(1_000_000)).toBe(false);
  });
});
