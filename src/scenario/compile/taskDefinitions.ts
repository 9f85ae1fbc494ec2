import { compileLoadModel } from './demand.js';
import { fargateSizeHint, isFargateSize } from '../../capacity/fargateSizes.js';
import type { TaskDefinitionSpec, HostPort } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { TaskDefinitionInput } from '../schema/taskDefinition.js';
import type { CompileContext } from './context.js';
import { compileDistribution } from './distribution.js';
import { compileConstraints } from './placement.js';

const DEFAULT_STOP_TIMEOUT_S = 30;

/** "1024" → 1024, "1 vCPU" → 1024 (cpu); "512" → 512, "2 GB" → 2048 (memory). */
export function parseSize(value: string | number, kind: 'cpu' | 'memory'): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] as string).toLowerCase();
  const scale = kind === 'cpu' ? { '': 1, vcpu: 1024 }[unit] : { '': 1, mb: 1, mib: 1, gb: 1024, gib: 1024 }[unit];
  if (scale === undefined) return undefined;
  const result = amount * scale;
  return Number.isInteger(result) && result > 0 ? result : undefined;
}

/** Compiles every task definition; entries sharing a family are revisions 1, 2, … in file order. */
export function compileTaskDefinitions(ctx: CompileContext, input: readonly TaskDefinitionInput[]): TaskDefinitionSpec[] {
  const revisions = new Map<string, number>();
  return input.map((td, i) => {
    const revision = (revisions.get(td.family) ?? 0) + 1;
    revisions.set(td.family, revision);
    return compileTaskDefinition(ctx, td, revision, ['taskDefinitions', i]);
  });
}

function compileTaskDefinition(ctx: CompileContext, td: TaskDefinitionInput, revision: number, path: readonly PathPart[]): TaskDefinitionSpec {
  const containers = td.containerDefinitions;
  containers.forEach((c, j) => {
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory <= c.memoryReservation) {
      ctx.issues.add([...path, 'containerDefinitions', j, 'memory'], 'memory (the hard limit) must be greater than memoryReservation');
    }
  });
  const cpu = taskSize(ctx, td.cpu, 'cpu', [...path, 'cpu']) ?? containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0);
  let memory = taskSize(ctx, td.memory, 'memory', [...path, 'memory']);
  if (memory === undefined && td.memory === undefined) {
    const missing = containers.findIndex((c) => c.memory === undefined && c.memoryReservation === undefined);
    if (missing >= 0) {
      ctx.issues.add([...path, 'containerDefinitions', missing, 'memory'], 'on EC2, set task memory or memory/memoryReservation on every container');
    }
    memory = containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
  }
  const compatibilities = td.requiresCompatibilities;
  if (compatibilities?.includes('FARGATE')) {
    if (td.networkMode !== 'awsvpc') ctx.issues.add([...path, 'networkMode'], 'FARGATE-compatible task definitions need networkMode "awsvpc"');
    if (memory !== undefined && !isFargateSize(cpu, memory)) {
      ctx.issues.add([...path, 'cpu'], `${cpu} CPU units / ${memory} MiB is not a Fargate size: ${fargateSizeHint(cpu, memory)}`);
    }
  }
  const constraints = compileConstraints(ctx, td.placementConstraints, [...path, 'placementConstraints'], false);
  const arch = td.runtimePlatform?.cpuArchitecture;
  const stopTimeouts = containers.map((c) => c.stopTimeout ?? DEFAULT_STOP_TIMEOUT_S);
  return {
    key: `${td.family}:${revision}`,
    family: td.family,
    revision,
    cpu,
    memory: memory ?? 0,
    networkMode: td.networkMode,
    hostPorts: hostPorts(ctx, td, path),
    usesEni: td.networkMode === 'awsvpc',
    cpuArchitecture: arch === undefined ? undefined : arch === 'ARM64' ? 'arm64' : 'x86_64',
    memberOf: constraints.memberOf,
    imagePullTime: compileDistribution(ctx, td.imagePullTime, [...path, 'imagePullTime']),
    containerStartTime: compileDistribution(ctx, td.containerStartTime, [...path, 'containerStartTime']),
    shutdownTime: compileDistribution(ctx, td.shutdownTime, [...path, 'shutdownTime']),
    stopTimeoutMs: Math.max(...stopTimeouts) * 1000,
    compatibilities,
    load: compileLoadModel(td.load),
    unhealthyProbability: td.unhealthyProbability,
  };
}

function taskSize(ctx: CompileContext, value: string | number | undefined, kind: 'cpu' | 'memory', path: readonly PathPart[]): number | undefined {
  if (value === undefined) return undefined;
  const size = parseSize(value, kind);
  if (size === undefined) {
    ctx.issues.add(path, kind === 'cpu' ? 'expected CPU units ("1024") or vCPUs ("1 vCPU")' : 'expected MiB ("2048") or GB ("2 GB")');
  }
  return size;
}

/** Static host ports: host mode binds containerPort; bridge binds hostPort when it is set and not 0. */
function hostPorts(ctx: CompileContext, td: TaskDefinitionInput, path: readonly PathPart[]): HostPort[] {
  const ports: HostPort[] = [];
  td.containerDefinitions.forEach((c, j) => {
    c.portMappings.forEach((m, k) => {
      const at = [...path, 'containerDefinitions', j, 'portMappings', k];
      if (td.networkMode === 'awsvpc' && m.hostPort !== undefined && m.hostPort !== m.containerPort) {
        ctx.issues.add([...at, 'hostPort'], 'with awsvpc, hostPort must be absent or equal to containerPort');
      }
      if (td.networkMode === 'host') {
        const port = m.hostPort ?? m.containerPort;
        if (port === undefined || port === 0) ctx.issues.add([...at, 'containerPort'], 'host mode needs a containerPort');
        else ports.push({ port, protocol: m.protocol });
      } else if (td.networkMode === 'bridge' && m.hostPort !== undefined && m.hostPort > 0) {
        ports.push({ port: m.hostPort, protocol: m.protocol });
      }
    });
  });
  const seen = new Set<string>();
  for (const p of ports) {
    const key = `${p.port}/${p.protocol}`;
    if (seen.has(key)) ctx.issues.add([...path, 'containerDefinitions'], `host port ${key} is mapped twice`);
    seen.add(key);
  }
  return ports;
}
