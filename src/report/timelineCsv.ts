import { isoAt } from '../engine/time.js';
import type { PoolSelectorSpec, ScenarioModel, TimelineSpec } from '../model/specs.js';
import { CsvFile } from './csvFile.js';

/** timeline.csv: the scenario's timeline events (what the report marks on its charts), in time order. */
function selector(match: PoolSelectorSpec): string {
  const parts = [match.fargateSpot ? 'FARGATE_SPOT' : match.instanceType ?? 'any type', match.availabilityZone ?? 'any zone'];
  return parts.join(' in ');
}

export function describeEvent(model: ScenarioModel, event: TimelineSpec): { target: string; detail: string } {
  const service = (i: number) => model.services[i]?.name ?? `service ${i}`;
  const group = (i: number) => model.autoScalingGroups[i]?.name ?? `group ${i}`;
  switch (event.type) {
    case 'setDesiredCount':
      return { target: service(event.service), detail: `desiredCount ${event.desiredCount}` };
    case 'updateService':
      return { target: service(event.service), detail: [event.taskDefinition === undefined ? '' : `taskDefinition ${event.taskDefinition.family}:${event.taskDefinition.revision}`, event.desiredCount === undefined ? '' : `desiredCount ${event.desiredCount}`].filter((x) => x !== '').join(', ') };
    case 'terminateInstances':
      return { target: group(event.group), detail: event.instanceIds.length > 0 ? event.instanceIds.join(' ') : `${event.count} instances` };
    case 'failAvailabilityZone':
      return { target: event.availabilityZone, detail: `for ${event.durationMs / 1000} s` };
    case 'setDesiredCapacity':
      return { target: group(event.group), detail: `DesiredCapacity ${event.desiredCapacity}` };
    case 'reclaimWave':
      return { target: selector(event.match), detail: `reclaims ${event.fraction * 100}% of running Spot capacity` };
    case 'spotDrought':
      return { target: selector(event.match), detail: `no Spot capacity for ${event.durationMs / 1000} s` };
  }
}

export function writeTimelineCsv(file: string, model: ScenarioModel): void {
  const csv = new CsvFile(file, ['time', 'elapsed_s', 'type', 'target', 'detail']);
  const events = [...model.timeline].sort((a, b) => a.at - b.at);
  for (const event of events) {
    const { target, detail } = describeEvent(model, event);
    csv.write([isoAt(model.startEpochMs, event.at), (event.at / 1000).toFixed(3), event.type, target, detail]);
  }
  csv.close();
}
