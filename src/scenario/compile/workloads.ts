import { fargateSizeHint, isFargateSize } from '../../capacity/fargateSizes.js';
import type { AutoScalingGroupSpec, CapacityProviderSpec, JobSpec, LaunchSpec, ServiceSpec, StrategyItemSpec, TaskDefinitionSpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { JobInput } from '../schema/job.js';
import type { ServiceInput } from '../schema/service.js';
import type { CompileContext } from './context.js';
import { compileArrivals } from './arrivals.js';
import { compileLaunch } from './capacityProviders.js';
import { compileDemand } from './demand.js';
import { compileDistribution, ms } from './distribution.js';
import { compilePlacement, DEFAULT_SERVICE_STRATEGIES } from './placement.js';

const ARN = /^arn:aws[a-z-]*:ecs:[^:]*:\d*:task-definition\/(.+)$/;

/** Resolves "family", "family:revision" or a task definition ARN. */
export function resolveTaskDefinition(
  ctx: CompileContext,
  reference: string,
  taskDefinitions: readonly TaskDefinitionSpec[],
  path: readonly PathPart[],
): TaskDefinitionSpec | undefined {
  const name = ARN.exec(reference)?.[1] ?? reference;
  const [family, revisionText] = name.split(':');
  const candidates = taskDefinitions.filter((td) => td.family === family);
  const found = revisionText === undefined ? candidates[candidates.length - 1] : candidates.find((td) => String(td.revision) === revisionText);
  if (found === undefined) {
    const known = [...new Set(taskDefinitions.map((td) => td.family))].join(', ');
    ctx.issues.add(path, `unknown task definition "${reference}" (families: ${known})`);
  }
  return found;
}

/** A task that fits no instance type of the scenario can never be placed: say so up front. */
function checkFits(ctx: CompileContext, td: TaskDefinitionSpec, groups: readonly AutoScalingGroupSpec[], path: readonly PathPart[]): void {
  const eligible = groups.flatMap((g) =>
    g.instanceTypes.filter((t) => td.cpuArchitecture === undefined || t.info.cpuArchitecture === td.cpuArchitecture).map((type) => ({ g, type })),
  );
  if (groups.length > 0 && eligible.length === 0) {
    ctx.issues.add(path, `task definition ${td.key} needs ${td.cpuArchitecture} instances and no Auto Scaling group has them`);
    return;
  }
  if (eligible.length === 0) return;
  const fits = eligible.some(({ g, type }) => td.cpu <= type.vcpu * 1024 && td.memory <= type.memoryMiB - g.agentMemoryReserve);
  if (!fits) {
    const largest = eligible.map(({ g, type }) => `${type.info.instanceType} registers ${type.vcpu * 1024} CPU units / ${type.memoryMiB - g.agentMemoryReserve} MiB`);
    ctx.issues.add(path, `task definition ${td.key} (${td.cpu} CPU units, ${td.memory} MiB) is larger than every host: ${largest.join('; ')}`);
  }
}

/** What workloads need to resolve their launch: providers, the cluster's associations and default strategy. */
export interface CapacityContext {
  readonly groups: readonly AutoScalingGroupSpec[];
  readonly providers: readonly CapacityProviderSpec[];
  readonly associated: ReadonlySet<string>;
  readonly defaultStrategy: readonly StrategyItemSpec[] | undefined;
}

/** Fargate needs awsvpc, a valid size and a FARGATE-compatible task definition (aws-behaviour.md §6). */
function checkFargate(ctx: CompileContext, td: TaskDefinitionSpec, path: readonly PathPart[]): void {
  const at = [...path, 'taskDefinition'];
  if (td.networkMode !== 'awsvpc') ctx.issues.add(at, `task definition ${td.key} runs on Fargate, which needs networkMode "awsvpc" (it has "${td.networkMode}")`);
  if (!isFargateSize(td.cpu, td.memory)) {
    ctx.issues.add(at, `task definition ${td.key} (${td.cpu} CPU units, ${td.memory} MiB) is not a Fargate size: ${fargateSizeHint(td.cpu, td.memory)}`);
  }
  if (td.compatibilities !== undefined && !td.compatibilities.includes('FARGATE')) {
    ctx.issues.add(at, `task definition ${td.key} runs on Fargate but its requiresCompatibilities lacks "FARGATE"`);
  }
}

/** What services and jobs share: the launch, the task definition, and that it fits the capacity it may use. */
function workloadLaunch(
  ctx: CompileContext,
  input: {
    launchType?: string | undefined;
    capacityProviderStrategy?: readonly { capacityProvider: string; weight: number; base: number }[] | undefined;
    taskDefinition: string;
    placementStrategy?: unknown;
    placementConstraints: readonly unknown[];
  },
  taskDefinitions: readonly TaskDefinitionSpec[],
  capacity: CapacityContext,
  path: readonly PathPart[],
): { td: TaskDefinitionSpec; launch: LaunchSpec } | undefined {
  const launch = compileLaunch(ctx, input, capacity.defaultStrategy, capacity.providers, capacity.associated, path);
  const td = resolveTaskDefinition(ctx, input.taskDefinition, taskDefinitions, [...path, 'taskDefinition']);
  if (td === undefined) return undefined;
  if (launch.type === 'strategy' && launch.fargate) {
    checkFargate(ctx, td, path);
    checkFargatePlacement(ctx, input, path);
  } else {
    if (td.compatibilities !== undefined && !td.compatibilities.includes('EC2')) {
      ctx.issues.add([...path, 'taskDefinition'], `task definition ${td.key} runs on EC2 but its requiresCompatibilities lacks "EC2"`);
    }
    const groups = launch.type === 'ec2' ? capacity.groups : launch.items.flatMap((i) => (i.provider.group === undefined ? [] : [i.provider.group]));
    checkFits(ctx, td, groups, [...path, 'taskDefinition']);
  }
  return { td, launch };
}

/** Fargate takes no placement strategies or constraints, and no daemons. */
function checkFargatePlacement(ctx: CompileContext, input: { placementStrategy?: unknown; placementConstraints: readonly unknown[] }, path: readonly PathPart[]): void {
  if (input.placementStrategy !== undefined) ctx.issues.add([...path, 'placementStrategy'], 'placement strategies are not supported on Fargate');
  if (input.placementConstraints.length > 0) ctx.issues.add([...path, 'placementConstraints'], 'placement constraints are not supported on Fargate');
}

export function compileServices(
  ctx: CompileContext,
  input: readonly ServiceInput[],
  taskDefinitions: readonly TaskDefinitionSpec[],
  capacity: CapacityContext,
  circuitBreakerMinimum: number,
): ServiceSpec[] {
  const out: ServiceSpec[] = [];
  input.forEach((s, i) => {
    const path = ['services', i];
    const resolved = workloadLaunch(ctx, s, taskDefinitions, capacity, path);
    if (resolved === undefined) return;
    const { td, launch } = resolved;
    const daemon = s.schedulingStrategy === 'DAEMON';
    const fargate = launch.type === 'strategy' && launch.fargate;
    if (fargate && daemon) ctx.issues.add([...path, 'schedulingStrategy'], 'DAEMON services cannot run on Fargate');
    else if (daemon && launch.type === 'strategy') ctx.issues.add([...path, 'schedulingStrategy'], 'fleetsim runs DAEMON services with the EC2 launch type only (no capacity provider strategy)');
    if (daemon && s.placementStrategy !== undefined) ctx.issues.add([...path, 'placementStrategy'], 'DAEMON services take no placement strategy');
    const dc = s.deploymentConfiguration;
    if (s.demand !== undefined && td.load === undefined) ctx.issues.add([...path, 'demand'], `task definition ${td.key} needs "load" (requests per second per task) to serve demand`);
    if (s.demand !== undefined && daemon) ctx.issues.add([...path, 'demand'], 'demand is for REPLICA services');
    out.push({
      index: out.length,
      name: s.serviceName,
      group: `service:${s.serviceName}`,
      taskDefinition: td,
      desiredCount: s.desiredCount,
      daemon,
      placement: compilePlacement(ctx, s.placementStrategy ?? (daemon ? [] : DEFAULT_SERVICE_STRATEGIES), s.placementConstraints, td.memberOf, path),
      timeToCrash: s.timeToCrash === undefined ? undefined : compileDistribution(ctx, s.timeToCrash, [...path, 'timeToCrash']),
      demand: s.demand === undefined ? undefined : compileDemand(ctx, s.demand, [...path, 'demand']),
      registrationMs: ms(s.loadBalancerRegistrationTime),
      deregistrationMs: s.demand === undefined ? 0 : ms(s.loadBalancerDeregistrationDelay),
      healthyAfterMs: s.healthyAfter !== undefined ? ms(s.healthyAfter) : s.demand !== undefined ? ms(s.loadBalancerRegistrationTime) : 40_000,
      circuitBreaker:
        dc?.deploymentCircuitBreaker?.enable === true
          ? {
              rollback: dc.deploymentCircuitBreaker.rollback,
              resetOnHealthyTask: dc.deploymentCircuitBreaker.resetOnHealthyTask,
              thresholdType: dc.deploymentCircuitBreaker.thresholdConfiguration?.type ?? 'BOUNDED_PERCENT',
              thresholdValue: dc.deploymentCircuitBreaker.thresholdConfiguration?.value ?? 50,
              minimumThreshold: circuitBreakerMinimum,
            }
          : undefined,
      minimumHealthyPercent: dc?.minimumHealthyPercent ?? (daemon ? 0 : 100),
      maximumPercent: dc?.maximumPercent ?? (daemon ? 100 : 200),
      launch,
    });
  });
  return out;
}

export function compileJobs(
  ctx: CompileContext,
  input: readonly JobInput[],
  taskDefinitions: readonly TaskDefinitionSpec[],
  capacity: CapacityContext,
  durationMs: number,
): JobSpec[] {
  const out: JobSpec[] = [];
  input.forEach((j, i) => {
    const path = ['jobs', i];
    const resolved = workloadLaunch(ctx, j, taskDefinitions, capacity, path);
    if (resolved === undefined) return;
    const { td, launch } = resolved;
    const startMs = ms(j.start);
    const endMs = j.end === undefined ? durationMs : ms(j.end);
    if (endMs < startMs) ctx.issues.add([...path, 'end'], 'end must not come before start');
    out.push({
      index: out.length,
      name: j.name,
      group: j.group ?? `family:${td.family}`,
      taskDefinition: td,
      arrivals: compileArrivals(ctx, j.arrivals, startMs, [...path, 'arrivals']),
      startMs,
      endMs,
      maxArrivals: j.maxArrivals ?? Number.MAX_SAFE_INTEGER,
      count: j.count,
      runTime: compileDistribution(ctx, j.runTime, [...path, 'runTime']),
      placement: compilePlacement(ctx, j.placementStrategy ?? [], j.placementConstraints, td.memberOf, path),
      launch,
    });
  });
  return out;
}
