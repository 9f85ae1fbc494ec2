import { describe, expect, it } from 'vitest';
import { RandomStreams, createStream } from '../../src/engine/rng.js';
import { createSampler, lognormalFromMedianP95 } from '../../src/engine/distributions.js';

describe('random streams', () => {
  it('the same seed and name give the same draws', () => {
    const a = createStream(7, 'job:etl:arrivals');
    const b = createStream(7, 'job:etl:arrivals');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('drawing from one stream never shifts another', () => {
    const one = new RandomStreams(1);
    const two = new RandomStreams(1);
    for (let i = 0; i < 100; i++) one.stream('noise')();
    expect(one.stream('placement')()).toBe(two.stream('placement')());
  });

  it('different seeds give different draws', () => {
    expect(createStream(1, 'x')()).not.toBe(createStream(2, 'x')());
  });
});

function sampleMany(spec: Parameters<typeof createSampler>[0], n = 20000): number[] {
  const rng = createStream(3, 'test');
  const sampler = createSampler(spec);
  return Array.from({ length: n }, () => sampler.sample(rng));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] as number;

describe('distributions', () => {
  it('constant, uniform and exponential have the right means', () => {
    expect(sampleMany({ type: 'constant', value: 5000 }, 10)).toEqual(Array(10).fill(5000));
    expect(mean(sampleMany({ type: 'uniform', min: 1000, max: 3000 }))).toBeCloseTo(2000, -2);
    expect(mean(sampleMany({ type: 'exponential', mean: 60000 })) / 60000).toBeCloseTo(1, 1);
  });

  it('normal is truncated at zero', () => {
    const xs = sampleMany({ type: 'normal', mean: 1000, stddev: 2000 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  });

  it('lognormal by median and p95 reproduces both', () => {
    const { mu, sigma } = lognormalFromMedianP95(10_000, 60_000);
    const xs = sampleMany({ type: 'lognormal', mu, sigma }, 40000);
    expect(quantile(xs, 0.5) / 10_000).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.95) / 60_000).toBeCloseTo(1, 1);
  });

  it('empirical draws only the listed values', () => {
    const xs = sampleMany({ type: 'empirical', values: [1, 5, 9] }, 3000);
    expect(new Set(xs)).toEqual(new Set([1, 5, 9]));
  });
});
