import type { Sampler } from '../engine/distributions.js';
import type { Random, RandomStreams } from '../engine/rng.js';
import type { ClusterState } from '../model/clusterState.js';
import type { JobSpec, ServiceSpec, TaskDefinitionSpec } from '../model/specs.js';
import { OwnerKind } from '../model/task.js';
import type { PlacementRequest } from '../placement/types.js';

/**
 * What the scheduler and task lifecycle need of a service or a job stream: its placement request
 * (built once) and one named random stream per source of randomness it has.
 */
export interface Workload {
  readonly kind: OwnerKind;
  readonly index: number;
  readonly name: string;
  /** "service:web" or "job:etl": the prefix of its random stream names. */
  readonly key: string;
  /** Task group name ("service:web", "family:etl"). */
  readonly groupName: string;
  readonly taskDefinition: TaskDefinitionSpec;
  readonly request: PlacementRequest;
  /**
   * Jobs: run time once RUNNING; services: time to crash, per task (undefined = never, or handled by
   * ServiceCrashes when exponential).
   */
  readonly endAfter: Sampler | undefined;
  /** Services with an exponential timeToCrash: its mean, for ServiceCrashes. */
  readonly crashMeanMs: number | undefined;
  readonly streams: {
    readonly placement: Random;
    readonly imagePull: Random;
    readonly containerStart: Random;
    readonly shutdown: Random;
    readonly eniAttach: Random;
    readonly end: Random;
    /** Fargate provisioning times. */
    readonly provisioning: Random;
  };
}

function makeWorkload(
  kind: OwnerKind,
  spec: ServiceSpec | JobSpec,
  key: string,
  endAfter: Sampler | undefined,
  cluster: ClusterState,
  streams: RandomStreams,
): Workload {
  const td = spec.taskDefinition;
  const stream = (name: string) => streams.stream(`${key}:${name}`);
  const group = cluster.groups.intern(spec.group);
  // Group counts are kept only where something reads them: services (scale-in), spread, distinctInstance;
  // per host only for services, distinctInstance and spread(instanceId).
  const placement = spec.placement;
  const perHost = kind === OwnerKind.Service || placement.distinctInstance || placement.strategies.some((s) => s.type === 'spread' && s.field === 'instanceId');
  if (perHost || placement.strategies.some((s) => s.type === 'spread')) cluster.groups.track(group, perHost);
  return {
    kind,
    index: spec.index,
    name: spec.name,
    key,
    groupName: spec.group,
    taskDefinition: td,
    request: {
      cpu: td.cpu,
      memory: td.memory,
      hostPorts: td.hostPorts,
      usesEni: td.usesEni,
      cpuArchitecture: td.cpuArchitecture,
      group,
      placement: spec.placement,
    },
    endAfter: kind === OwnerKind.Service && endAfter?.exponential === true ? undefined : endAfter,
    crashMeanMs: kind === OwnerKind.Service && endAfter?.exponential === true ? endAfter.mean : undefined,
    streams: {
      placement: stream('placement'),
      imagePull: stream('imagePull'),
      containerStart: stream('containerStart'),
      shutdown: stream('shutdown'),
      eniAttach: stream('eniAttach'),
      end: stream(kind === OwnerKind.Job ? 'runTime' : 'crash'),
      provisioning: stream('provisioning'),
    },
  };
}

export function serviceWorkload(spec: ServiceSpec, cluster: ClusterState, streams: RandomStreams): Workload {
  return makeWorkload(OwnerKind.Service, spec, `service:${spec.name}`, spec.timeToCrash, cluster, streams);
}

export function jobWorkload(spec: JobSpec, cluster: ClusterState, streams: RandomStreams): Workload {
  return makeWorkload(OwnerKind.Job, spec, `job:${spec.name}`, spec.runTime, cluster, streams);
}
