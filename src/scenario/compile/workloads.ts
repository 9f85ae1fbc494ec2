import type { AutoScalingGroupSpec, JobSpec, ServiceSpec, TaskDefinitionSpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { JobInput } from '../schema/job.js';
import type { ServiceInput } from '../schema/service.js';
import type { CompileContext } from './context.js';
import { compileArrivals } from './arrivals.js';
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
  const eligible = groups.filter((g) => td.cpuArchitecture === undefined || g.instanceType.cpuArchitecture === td.cpuArchitecture);
  if (groups.length > 0 && eligible.length === 0) {
    ctx.issues.add(path, `task definition ${td.key} needs ${td.cpuArchitecture} instances and no Auto Scaling group has them`);
    return;
  }
  if (eligible.length === 0) return;
  const fits = eligible.some((g) => td.cpu <= g.vcpu * 1024 && td.memory <= g.memoryMiB - g.agentMemoryReserve);
  if (!fits) {
    const largest = eligible.map((g) => `${g.instanceType.instanceType} registers ${g.vcpu * 1024} CPU units / ${g.memoryMiB - g.agentMemoryReserve} MiB`);
    ctx.issues.add(path, `task definition ${td.key} (${td.cpu} CPU units, ${td.memory} MiB) is larger than every host: ${largest.join('; ')}`);
  }
}

function checkLaunch(ctx: CompileContext, launchType: string | undefined, strategy: unknown, path: readonly PathPart[]): void {
  if (launchType !== undefined && strategy !== undefined) {
    ctx.issues.add([...path, 'capacityProviderStrategy'], 'launchType and capacityProviderStrategy are mutually exclusive');
  } else if (strategy !== undefined) {
    ctx.issues.add([...path, 'capacityProviderStrategy'], 'capacity providers are not modelled in this version; use launchType "EC2"');
  }
  if (launchType !== undefined && launchType !== 'EC2') {
    ctx.issues.add([...path, 'launchType'], `launch type ${launchType} is not modelled in this version; use "EC2"`);
  }
}

/** What services and jobs share: the launch type check, the task definition, and that it fits somewhere. */
function workloadTaskDefinition(
  ctx: CompileContext,
  input: { launchType?: string | undefined; capacityProviderStrategy?: unknown; taskDefinition: string },
  taskDefinitions: readonly TaskDefinitionSpec[],
  groups: readonly AutoScalingGroupSpec[],
  path: readonly PathPart[],
): TaskDefinitionSpec | undefined {
  checkLaunch(ctx, input.launchType, input.capacityProviderStrategy, path);
  const td = resolveTaskDefinition(ctx, input.taskDefinition, taskDefinitions, [...path, 'taskDefinition']);
  if (td !== undefined) checkFits(ctx, td, groups, [...path, 'taskDefinition']);
  return td;
}

export function compileServices(
  ctx: CompileContext,
  input: readonly ServiceInput[],
  taskDefinitions: readonly TaskDefinitionSpec[],
  groups: readonly AutoScalingGroupSpec[],
): ServiceSpec[] {
  const out: ServiceSpec[] = [];
  input.forEach((s, i) => {
    const path = ['services', i];
    const td = workloadTaskDefinition(ctx, s, taskDefinitions, groups, path);
    if (td === undefined) return;
    const daemon = s.schedulingStrategy === 'DAEMON';
    if (daemon && s.placementStrategy !== undefined) ctx.issues.add([...path, 'placementStrategy'], 'DAEMON services take no placement strategy');
    const dc = s.deploymentConfiguration;
    out.push({
      index: out.length,
      name: s.serviceName,
      group: `service:${s.serviceName}`,
      taskDefinition: td,
      desiredCount: s.desiredCount,
      daemon,
      placement: compilePlacement(ctx, s.placementStrategy ?? (daemon ? [] : DEFAULT_SERVICE_STRATEGIES), s.placementConstraints, td.memberOf, path),
      timeToCrash: s.timeToCrash === undefined ? undefined : compileDistribution(ctx, s.timeToCrash, [...path, 'timeToCrash']),
      minimumHealthyPercent: dc?.minimumHealthyPercent ?? (daemon ? 0 : 100),
      maximumPercent: dc?.maximumPercent ?? (daemon ? 100 : 200),
    });
  });
  return out;
}

export function compileJobs(
  ctx: CompileContext,
  input: readonly JobInput[],
  taskDefinitions: readonly TaskDefinitionSpec[],
  groups: readonly AutoScalingGroupSpec[],
  durationMs: number,
): JobSpec[] {
  const out: JobSpec[] = [];
  input.forEach((j, i) => {
    const path = ['jobs', i];
    const td = workloadTaskDefinition(ctx, j, taskDefinitions, groups, path);
    if (td === undefined) return;
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
    });
  });
  return out;
}
