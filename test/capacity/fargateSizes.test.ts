import { describe, expect, it } from 'vitest';
import { FARGATE_SIZES, fargateSizeHint, isFargateSize } from '../../src/capacity/fargateSizes.js';

// Reference: aws-behaviour.md §6 "Valid task CPU/memory" (Linux).
describe('Fargate task sizes', () => {
  it('accepts every valid combination of the table', () => {
    const expected: [number, number, number, number][] = [
      [256, 512, 2048, 3],
      [512, 1024, 4096, 4],
      [1024, 2048, 8192, 7],
      [2048, 4096, 16384, 13],
      [4096, 8192, 30720, 23],
      [8192, 16384, 61440, 12],
      [16384, 32768, 122880, 12],
    ];
    for (const [cpu, min, max, count] of expected) {
      const memories = FARGATE_SIZES.get(cpu) ?? [];
      expect(memories.length).toBe(count);
      expect(memories[0]).toBe(min);
      expect(memories[memories.length - 1]).toBe(max);
      for (const m of memories) expect(isFargateSize(cpu, m)).toBe(true);
    }
    expect(isFargateSize(256, 1024)).toBe(true);
  });

  it('rejects sizes outside the table', () => {
    for (const [cpu, memory] of [[256, 4096], [256, 1536], [512, 512], [1024, 1024], [4096, 32768], [8192, 18432], [16384, 36864], [128, 512], [32768, 65536]]) {
      expect(isFargateSize(cpu as number, memory as number)).toBe(false);
    }
  });

  it('names the nearest valid sizes', () => {
    expect(fargateSizeHint(256, 4096)).toBe('with 256 CPU units Fargate allows 512, 1024, 2048 MiB; the smallest size that holds the task is 512 CPU units / 4096 MiB');
    expect(fargateSizeHint(300, 1000)).toBe('Fargate CPU sizes are 256, 512, 1024, 2048, 4096, 8192, 16384 units; the smallest size that holds the task is 512 CPU units / 1024 MiB');
    expect(fargateSizeHint(4096, 36864)).toMatch(/with 4096 CPU units Fargate allows 8192–30720 in steps of 1024 MiB; the smallest size that holds the task is 8192 CPU units \/ 36864 MiB/);
  });
});
