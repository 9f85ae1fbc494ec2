import { ec2Catalog, similarInstanceTypes } from '../../catalog/ec2Catalog.js';
import type { AutoScalingGroupSpec } from '../../model/specs.js';
import type { AutoScalingGroupInput } from '../schema/cluster.js';
import type { CompileContext } from './context.js';
import { compileDistribution } from './distribution.js';

/** Auto Scaling groups: instance types resolved against the bundled catalogue. */
export function compileAutoScalingGroups(
  ctx: CompileContext,
  input: readonly AutoScalingGroupInput[],
  scenarioZones: readonly string[],
): AutoScalingGroupSpec[] {
  const out: AutoScalingGroupSpec[] = [];
  input.forEach((asg, i) => {
    const path = ['autoScalingGroups', i];
    const info = ec2Catalog().get(asg.InstanceType);
    if (info === undefined) {
      const hint = similarInstanceTypes(asg.InstanceType);
      ctx.issues.add([...path, 'InstanceType'], `unknown instance type "${asg.InstanceType}" in the us-east-1 catalogue${hint.length ? ` (e.g. ${hint.join(', ')})` : ''}`);
      return;
    }
    if (info.vcpu === undefined || info.memoryMiB === undefined) {
      ctx.issues.add([...path, 'InstanceType'], `the bundled catalogue has no vCPU/memory figures for "${asg.InstanceType}"; pick another type`);
      return;
    }
    const maxSize = asg.MaxSize ?? asg.DesiredCapacity;
    if (asg.MinSize > asg.DesiredCapacity) ctx.issues.add([...path, 'DesiredCapacity'], `must be at least MinSize (${asg.MinSize})`);
    if (asg.DesiredCapacity > maxSize) ctx.issues.add([...path, 'DesiredCapacity'], `must be at most MaxSize (${maxSize})`);
    const zones = asg.AvailabilityZones ?? scenarioZones;
    zones.forEach((zone, z) => {
      if (!scenarioZones.includes(zone)) ctx.issues.add([...path, 'AvailabilityZones', z], `"${zone}" is not one of the scenario's availabilityZones`);
    });
    if (asg.agentMemoryReserve >= info.memoryMiB) ctx.issues.add([...path, 'agentMemoryReserve'], `leaves no memory on ${asg.InstanceType} (${info.memoryMiB} MiB)`);
    const pendingTime = compileDistribution(ctx, asg.pendingTime, [...path, 'pendingTime']);
    const bootTime = compileDistribution(ctx, asg.bootTime, [...path, 'bootTime']);
    out.push({
      index: out.length,
      name: asg.AutoScalingGroupName,
      instanceType: info,
      vcpu: info.vcpu,
      memoryMiB: info.memoryMiB,
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
