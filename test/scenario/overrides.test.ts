import { describe, expect, it } from 'vitest';
import { applyOverride, parseOverride, parsePath } from '../../src/scenario/overrides.js';

const scenario = {
  services: [
    { serviceName: 'web', desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }] },
    { serviceName: 'api', desiredCount: 1 },
  ],
  autoScalingGroups: [{ AutoScalingGroupName: 'general', MaxSize: 4 }],
};

describe('--set path=value overrides', () => {
  it('parses keys, named items and positions', () => {
    expect(parsePath('services[web].capacityProviderStrategy[1].weight')).toEqual([{ key: 'services' }, { item: 'web' }, { key: 'capacityProviderStrategy' }, { item: '1' }, { key: 'weight' }]);
    expect(() => parsePath('services[web')).toThrow(/without its "\]"/);
    expect(() => parsePath('a..b')).toThrow(/empty key/);
  });

  it('sets by name or position, reading values as JSON when they parse', () => {
    let out = applyOverride(scenario, parseOverride('services[web].capacityProviderStrategy[FARGATE_SPOT].weight=9')) as typeof scenario;
    expect(out.services[0]?.capacityProviderStrategy?.[1]?.weight).toBe(9);
    out = applyOverride(out, parseOverride('services[1].desiredCount=5')) as typeof scenario;
    expect(out.services[1]?.desiredCount).toBe(5);
    out = applyOverride(out, parseOverride('autoScalingGroups[general].InstanceType=m5.large')) as typeof scenario;
    expect((out.autoScalingGroups[0] as Record<string, unknown>).InstanceType).toBe('m5.large');
    out = applyOverride(out, parseOverride('simulation={"jobQueue":"backfill"}')) as typeof scenario;
    expect((out as Record<string, unknown>).simulation).toEqual({ jobQueue: 'backfill' });
    // The input is not modified.
    expect(scenario.services[0]?.capacityProviderStrategy?.[1]?.weight).toBe(3);
  });

  it('names what is wrong: unknown items, positions past the end, missing fields, wrong shapes', () => {
    expect(() => applyOverride(scenario, parseOverride('services[db].desiredCount=1'))).toThrow('no item named "db" (items: web, api)');
    expect(() => applyOverride(scenario, parseOverride('services[7].desiredCount=1'))).toThrow('position 7 is past the end (2 items)');
    expect(() => applyOverride(scenario, parseOverride('cluster.capacityProviders=[]'))).toThrow('no field "cluster" here');
    expect(() => applyOverride(scenario, parseOverride('services.web=1'))).toThrow('.web applies to an object, found a list');
    expect(() => parseOverride('desiredCount')).toThrow('expected path=value');
  });
});
