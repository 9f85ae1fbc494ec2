import type { AutoScalingGroupSpec, ServiceSpec, TaskDefinitionSpec, TimelineSpec } from '../../model/specs.js';
import { resolveTaskDefinition } from './workloads.js';
import type { TimelineEventInput } from '../schema/events.js';
import type { CompileContext } from './context.js';
import { ms } from './distribution.js';
import { compileSelector, spotScope } from './spot.js';

/** Timeline events with names resolved to indexes, in time order (stable for equal times). */
export function compileTimeline(
  ctx: CompileContext,
  input: readonly TimelineEventInput[],
  services: readonly ServiceSpec[],
  groups: readonly AutoScalingGroupSpec[],
  zones: readonly string[],
  durationMs: number,
  taskDefinitions: readonly TaskDefinitionSpec[],
): TimelineSpec[] {
  const out: TimelineSpec[] = [];
  const group = (name: string | undefined, path: (string | number)[]): number => {
    const index = groups.findIndex((g) => g.name === name);
    if (index < 0) ctx.issues.add(path, `unknown Auto Scaling group "${name ?? ''}" (groups: ${groups.map((g) => g.name).join(', ')})`);
    return index;
  };
  input.forEach((event, i) => {
    const path = ['events', i];
    const at = ms(event.at);
    if (at > durationMs && !ctx.durationOverridden) ctx.issues.add([...path, 'at'], 'is after the end of the scenario');
    switch (event.type) {
      case 'setDesiredCount': {
        const service = services.findIndex((s) => s.name === event.serviceName);
        if (service < 0) ctx.issues.add([...path, 'serviceName'], `unknown service "${event.serviceName}"`);
        else if (services[service]?.daemon) ctx.issues.add([...path, 'serviceName'], 'a DAEMON service has no desired count to set');
        out.push({ type: 'setDesiredCount', at, service, desiredCount: event.desiredCount });
        break;
      }
      case 'updateService': {
        const service = services.findIndex((s) => s.name === event.serviceName);
        const spec = services[service];
        if (spec === undefined) ctx.issues.add([...path, 'serviceName'], `unknown service "${event.serviceName}"`);
        else if (spec.daemon) ctx.issues.add([...path, 'serviceName'], 'fleetsim deploys REPLICA services only');
        const td = event.taskDefinition === undefined ? undefined : resolveTaskDefinition(ctx, event.taskDefinition, taskDefinitions, [...path, 'taskDefinition']);
        if (td !== undefined && spec !== undefined && td.family !== spec.taskDefinition.family) {
          ctx.issues.add([...path, 'taskDefinition'], `fleetsim deploys revisions of the service's family "${spec.taskDefinition.family}"`);
        }
        if (event.taskDefinition === undefined && event.desiredCount === undefined) ctx.issues.add(path, 'give taskDefinition, desiredCount or both');
        out.push({ type: 'updateService', at, service, taskDefinition: td, desiredCount: event.desiredCount });
        break;
      }
      case 'terminateInstances': {
        const byIds = event.instanceIds !== undefined;
        const byGroup = event.autoScalingGroupName !== undefined || event.count !== undefined;
        if (byIds === byGroup) {
          ctx.issues.add(path, 'give either instanceIds, or autoScalingGroupName and count');
          break;
        }
        const index = byIds ? -1 : group(event.autoScalingGroupName, [...path, 'autoScalingGroupName']);
        if (!byIds && event.count === undefined) ctx.issues.add([...path, 'count'], 'count is needed with autoScalingGroupName');
        out.push({ type: 'terminateInstances', at, instanceIds: event.instanceIds ?? [], group: index, count: event.count ?? 0 });
        break;
      }
      case 'failAvailabilityZone':
        if (!zones.includes(event.availabilityZone)) ctx.issues.add([...path, 'availabilityZone'], `"${event.availabilityZone}" is not one of the scenario's availabilityZones`);
        out.push({ type: 'failAvailabilityZone', at, availabilityZone: event.availabilityZone, durationMs: ms(event.duration) });
        break;
      case 'setDesiredCapacity': {
        const index = group(event.autoScalingGroupName, [...path, 'autoScalingGroupName']);
        const g = groups[index];
        if (g !== undefined && (event.desiredCapacity < g.minSize || event.desiredCapacity > g.maxSize)) {
          ctx.issues.add([...path, 'desiredCapacity'], `must be within MinSize..MaxSize (${g.minSize}..${g.maxSize}) of ${g.name}`);
        }
        out.push({ type: 'setDesiredCapacity', at, group: index, desiredCapacity: event.desiredCapacity });
        break;
      }
      case 'reclaimWave':
        out.push({ type: 'reclaimWave', at, match: compileSelector(ctx, event.match, spotScope(zones, groups), [...path, 'match']), fraction: event.fraction });
        break;
      case 'spotDrought':
        out.push({ type: 'spotDrought', at, match: compileSelector(ctx, event.match, spotScope(zones, groups), [...path, 'match']), durationMs: ms(event.duration) });
        break;
    }
  });
  return out.map((e, i) => [e, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([e]) => e);
}
