import { ec2Catalog, similarInstanceTypes } from '../../catalog/ec2Catalog.js';
import type { AutoScalingGroupSpec, InstanceTypeSpec, InstancesDistributionSpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { AutoScalingGroupInput } from '../schema/cluster.js';
import type { CompileContext } from './context.js';
import { compileDistribution } from './distribution.js';

/** A plain group (InstanceType only) is all On-Demand. */
const ALL_ON_DEMAND: InstancesDistributionSpec = {
  onDemandAllocation: 'prioritized',
  onDemandBase: 0,
  onDemandPercentAboveBase: 100,
  spotAllocation: 'lowest-price',
  spotInstancePools: 2,
};

/** One instance type resolved against the bundled catalogue (Spot price = On-Demand × (1 − Advisor savings)). */
function instanceType(ctx: CompileContext, name: string, priority: number, path: readonly PathPart[]): InstanceTypeSpec | undefined {
  const info = ec2Catalog().get(name);
  if (info === undefined) {
    const hint = similarInstanceTypes(name);
    ctx.issues.add(path, `unknown instance type "${name}" in the us-east-1 catalogue${hint.length ? ` (e.g. ${hint.join(', ')})` : ''}`);
    return undefined;
  }
  if (info.vcpu === undefined || info.memoryMiB === undefined) {
    ctx.issues.add(path, `the bundled catalogue has no vCPU/memory figures for "${name}"; pick another type`);
    return undefined;
  }
  const onDemandMicroPerHour = Math.round(info.onDemandPricePerHour * 1e6);
  const savings = info.spotSavingsPercent;
  return {
    info,
    priority,
    vcpu: info.vcpu,
    memoryMiB: info.memoryMiB,
    onDemandMicroPerHour,
    spotMicroPerHour: savings === undefined ? undefined : Math.round(onDemandMicroPerHour * (1 - savings / 100)),
  };
}

/** The group's instance types and purchase distribution: InstanceType, or a MixedInstancesPolicy. */
function compileTypes(ctx: CompileContext, asg: AutoScalingGroupInput, path: readonly PathPart[]): { types: InstanceTypeSpec[]; distribution: InstancesDistributionSpec } | undefined {
  const mixed = asg.MixedInstancesPolicy;
  if ((asg.InstanceType === undefined) === (mixed === undefined)) {
    ctx.issues.add(path, 'give exactly one of InstanceType and MixedInstancesPolicy');
    return undefined;
  }
  if (mixed === undefined) {
    const type = instanceType(ctx, asg.InstanceType as string, 0, [...path, 'InstanceType']);
    return type === undefined ? undefined : { types: [type], distribution: ALL_ON_DEMAND };
  }
  const overridesPath = [...path, 'MixedInstancesPolicy', 'LaunchTemplate', 'Overrides'];
  const d = mixed.InstancesDistribution;
  const distribution: InstancesDistributionSpec = {
    onDemandAllocation: d.OnDemandAllocationStrategy,
    onDemandBase: d.OnDemandBaseCapacity,
    onDemandPercentAboveBase: d.OnDemandPercentageAboveBaseCapacity,
    spotAllocation: d.SpotAllocationStrategy,
    spotInstancePools: d.SpotInstancePools,
  };
  const distPath = [...path, 'MixedInstancesPolicy', 'InstancesDistribution'];
  if (d.SpotMaxPrice !== undefined && d.SpotMaxPrice !== '') ctx.issues.add([...distPath, 'SpotMaxPrice'], 'only "" (the On-Demand price) is modelled; a lower maximum price is not');
  const types: InstanceTypeSpec[] = [];
  const seen = new Set<string>();
  mixed.LaunchTemplate.Overrides.forEach((o, i) => {
    const at = [...overridesPath, i];
    if (seen.has(o.InstanceType)) ctx.issues.add([...at, 'InstanceType'], `"${o.InstanceType}" is listed twice`);
    seen.add(o.InstanceType);
    if (o.WeightedCapacity !== undefined && o.WeightedCapacity !== '1') ctx.issues.add([...at, 'WeightedCapacity'], 'only "1" is modelled (every instance counts one unit)');
    const type = instanceType(ctx, o.InstanceType, i, [...at, 'InstanceType']);
    if (type === undefined) return;
    if (d.OnDemandPercentageAboveBaseCapacity < 100 && type.spotMicroPerHour === undefined) {
      ctx.issues.add([...at, 'InstanceType'], `the bundled Spot Advisor data has no Spot savings for "${o.InstanceType}", so it cannot run as Spot`);
    }
    types.push(type);
  });
  return types.length === mixed.LaunchTemplate.Overrides.length ? { types, distribution } : undefined;
}

/** Auto Scaling groups: instance types resolved against the bundled catalogue. */
export function compileAutoScalingGroups(
  ctx: CompileContext,
  input: readonly AutoScalingGroupInput[],
  scenarioZones: readonly string[],
): AutoScalingGroupSpec[] {
  const out: AutoScalingGroupSpec[] = [];
  input.forEach((asg, i) => {
    const path = ['autoScalingGroups', i];
    const resolved = compileTypes(ctx, asg, path);
    if (resolved === undefined) return;
    const { types, distribution } = resolved;
    const maxSize = asg.MaxSize ?? asg.DesiredCapacity;
    if (asg.MinSize > asg.DesiredCapacity) ctx.issues.add([...path, 'DesiredCapacity'], `must be at least MinSize (${asg.MinSize})`);
    if (asg.DesiredCapacity > maxSize) ctx.issues.add([...path, 'DesiredCapacity'], `must be at most MaxSize (${maxSize})`);
    const zones = asg.AvailabilityZones ?? scenarioZones;
    zones.forEach((zone, z) => {
      if (!scenarioZones.includes(zone)) ctx.issues.add([...path, 'AvailabilityZones', z], `"${zone}" is not one of the scenario's availabilityZones`);
    });
    for (const type of types) {
      if (asg.agentMemoryReserve >= type.memoryMiB) ctx.issues.add([...path, 'agentMemoryReserve'], `leaves no memory on ${type.info.instanceType} (${type.memoryMiB} MiB)`);
    }
    const pendingTime = compileDistribution(ctx, asg.pendingTime, [...path, 'pendingTime']);
    const bootTime = compileDistribution(ctx, asg.bootTime, [...path, 'bootTime']);
    out.push({
      index: out.length,
      name: asg.AutoScalingGroupName,
      instanceTypes: types,
      distribution,
      usesSpot: distribution.onDemandPercentAboveBase < 100,
      capacityRebalance: asg.CapacityRebalance,
      spotDraining: asg.ecsConfig.ECS_ENABLE_SPOT_INSTANCE_DRAINING,
      minSize: asg.MinSize,
      maxSize,
      desiredCapacity: asg.DesiredCapacity,
      availabilityZones: zones,
      pendingTime,
      bootTime,
      agentMemoryReserve: asg.agentMemoryReserve,
      attributes: Object.entries(asg.attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    });
  });
  return out;
}
