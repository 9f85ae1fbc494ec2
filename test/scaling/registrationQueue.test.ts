import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RegistrationQueue } from '../../src/scaling/registrationQueue.js';

describe('RegistrationQueue (pending load balancer registrations, first in, first out)', () => {
  it('hands out exactly the registrations due, in the order added, across growth and wrap-around', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(3)), { maxLength: 400 }), (steps) => {
        const q = new RegistrationQueue();
        const model: [number, number, number][] = [];
        let due = 0;
        let now = 0;
        let id = 1;
        for (const [gap, adds] of steps) {
          for (let a = 0; a < adds; a++) {
            due += gap;
            q.push(due, id % 97, id);
            model.push([due, id % 97, id]);
            id++;
          }
          now += 3;
          const got: [number, number][] = [];
          q.takeDue(now, (slot, taken) => got.push([slot, taken]));
          const want = model.filter(([d]) => d <= now).map(([, slot, i]) => [slot, i]);
          model.splice(0, want.length);
          expect(got).toEqual(want);
          expect(q.size).toBe(model.length);
        }
      }),
    );
  });

  it('refuses a registration due before the last one (one service shares one registration time)', () => {
    const q = new RegistrationQueue();
    q.push(100, 1, 1);
    expect(() => q.push(99, 2, 2)).toThrow(/due at 99/);
  });
});
