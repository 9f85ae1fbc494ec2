import { ms as ms_ } from './distribution.js';
import type { AutoScalingGroupSpec, CapacityProviderSpec, LaunchSpec, StrategyItemSpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { CapacityProviderInput, StrategyItemInput } from '../schema/capacityProviders.js';
import type { CompileContext } from './context.js';

/** Capacity providers and strategies, with AWS's rules (aws-behaviour.md §2). */
export const FARGATE = 'FARGATE';
export const FARGATE_SPOT = 'FARGATE_SPOT';

const ASG_ARN = /^arn:aws[a-z-]*:autoscaling:[^:]*:\d*:autoScalingGroup:[^:]*:autoScalingGroupName\/(.+)$/;

export function compileCapacityProviders(
  ctx: CompileContext,
  input: readonly CapacityProviderInput[],
  groups: readonly AutoScalingGroupSpec[],
): CapacityProviderSpec[] {
  const out: CapacityProviderSpec[] = [];
  const usedGroups = new Map<string, string>();
  input.forEach((p, i) => {
    const path = ['capacityProviders', i];
    if (/^(aws|ecs|fargate)/i.test(p.name)) ctx.issues.add([...path, 'name'], 'capacity provider names may not begin with "aws", "ecs" or "fargate" (reserved by AWS)');
    if (out.some((o) => o.name === p.name)) ctx.issues.add([...path, 'name'], `duplicate name "${p.name}"`);
    const asg = p.autoScalingGroupProvider;
    const groupName = ASG_ARN.exec(asg.autoScalingGroupArn)?.[1] ?? asg.autoScalingGroupArn;
    const group = groups.find((g) => g.name === groupName);
    const at = [...path, 'autoScalingGroupProvider'];
    if (group === undefined) {
      ctx.issues.add([...at, 'autoScalingGroupArn'], `no Auto Scaling group named "${groupName}" (groups: ${groups.map((g) => g.name).join(', ') || 'none'})`);
    } else if (usedGroups.has(group.name)) {
      ctx.issues.add([...at, 'autoScalingGroupArn'], `Auto Scaling group "${group.name}" already belongs to provider "${usedGroups.get(group.name)}"`);
    } else usedGroups.set(group.name, p.name);
    const ms = asg.managedScaling;
    const enabled = ms?.status === 'ENABLED';
    if (!enabled && asg.managedTerminationProtection === 'ENABLED') ctx.issues.add([...at, 'managedTerminationProtection'], 'needs managed scaling ENABLED');
    if (enabled && ms !== undefined && ms.minimumScalingStepSize > ms.maximumScalingStepSize) {
      ctx.issues.add([...at, 'managedScaling', 'minimumScalingStepSize'], 'must be at most maximumScalingStepSize');
    }
    const managed =
      enabled && ms !== undefined
        ? {
            targetCapacity: ms.targetCapacity, minimumStep: ms.minimumScalingStepSize, maximumStep: ms.maximumScalingStepSize, warmupMs: ms.instanceWarmupPeriod * 1000,
            terminationProtection: asg.managedTerminationProtection === 'ENABLED', draining: asg.managedDraining === 'ENABLED', drainingTimeoutMs: ms_(p.managedDrainingTimeout),
          }
        : undefined;
    out.push({ index: out.length, name: p.name, kind: 'asg', group, managed });
  });
  out.push({ index: out.length, name: FARGATE, kind: 'fargate', group: undefined, managed: undefined });
  out.push({ index: out.length, name: FARGATE_SPOT, kind: 'fargateSpot', group: undefined, managed: undefined });
  return out;
}

/** The cluster's associated providers (names), checked against the defined ones. */
export function compileAssociations(ctx: CompileContext, names: readonly string[], providers: readonly CapacityProviderSpec[]): Set<string> {
  const out = new Set<string>();
  names.forEach((name, i) => {
    const path = ['cluster', 'capacityProviders', i];
    if (!providers.some((p) => p.name === name)) ctx.issues.add(path, `unknown capacity provider "${name}" (define it under capacityProviders, or use FARGATE / FARGATE_SPOT)`);
    if (out.has(name)) ctx.issues.add(path, `"${name}" is listed twice`);
    out.add(name);
  });
  return out;
}

/** A strategy, checked: known and associated providers, one base at most, a positive weight, no Fargate/ASG mix. */
export function compileStrategy(
  ctx: CompileContext,
  items: readonly StrategyItemInput[],
  providers: readonly CapacityProviderSpec[],
  associated: ReadonlySet<string>,
  path: readonly PathPart[],
): StrategyItemSpec[] {
  const out: StrategyItemSpec[] = [];
  items.forEach((item, i) => {
    const at = [...path, i, 'capacityProvider'];
    const provider = providers.find((p) => p.name === item.capacityProvider);
    if (provider === undefined) {
      ctx.issues.add(at, `unknown capacity provider "${item.capacityProvider}" (known: ${providers.map((p) => p.name).join(', ')})`);
      return;
    }
    if (!associated.has(provider.name)) {
      ctx.issues.add(at, `capacity provider "${provider.name}" is not associated with the cluster (add it to cluster.capacityProviders)`);
    }
    if (out.some((o) => o.provider === provider)) ctx.issues.add(at, `"${provider.name}" appears twice in the strategy`);
    out.push({ provider, weight: item.weight, base: item.base });
  });
  const bases = items.map((item, i) => [item, i] as const).filter(([item]) => item.base > 0);
  if (bases.length > 1) ctx.issues.add([...path, (bases[1] as readonly [StrategyItemInput, number])[1], 'base'], 'only one provider in a strategy may have a base');
  if (items.length > 0 && items.every((item) => item.weight === 0)) ctx.issues.add(path, 'at least one provider needs a weight above 0');
  const kinds = new Set(out.map((o) => (o.provider.kind === 'asg' ? 'asg' : 'fargate')));
  if (kinds.size > 1) ctx.issues.add(path, 'a strategy may use Fargate providers or Auto Scaling group providers, not both');
  return out;
}

export interface LaunchInput {
  readonly launchType?: string | undefined;
  readonly capacityProviderStrategy?: readonly StrategyItemInput[] | undefined;
}

/** Which launch applies: launchType, the workload's strategy, the cluster default, else the EC2 launch type. */
export function compileLaunch(
  ctx: CompileContext,
  input: LaunchInput,
  defaultStrategy: readonly StrategyItemSpec[] | undefined,
  providers: readonly CapacityProviderSpec[],
  associated: ReadonlySet<string>,
  path: readonly PathPart[],
): LaunchSpec {
  const { launchType, capacityProviderStrategy } = input;
  if (launchType !== undefined && capacityProviderStrategy !== undefined) {
    ctx.issues.add([...path, 'capacityProviderStrategy'], 'launchType and capacityProviderStrategy are mutually exclusive');
  }
  if (launchType === 'EC2') return { type: 'ec2' };
  if (launchType === 'FARGATE') {
    const fargate = providers.find((p) => p.kind === 'fargate') as CapacityProviderSpec;
    return { type: 'strategy', items: [{ provider: fargate, weight: 1, base: 0 }], fargate: true };
  }
  if (launchType !== undefined) {
    ctx.issues.add([...path, 'launchType'], `launch type ${launchType} is not modelled; use "EC2" or "FARGATE"`);
    return { type: 'ec2' };
  }
  const items =
    capacityProviderStrategy === undefined
      ? defaultStrategy
      : compileStrategy(ctx, capacityProviderStrategy, providers, associated, [...path, 'capacityProviderStrategy']);
  if (items === undefined || items.length === 0) return { type: 'ec2' };
  return { type: 'strategy', items, fargate: items.every((i) => i.provider.kind !== 'asg') };
}
