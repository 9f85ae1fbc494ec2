import type { Summary } from '../metrics/summary.js';

/** The short terminal report of a run. Wall time and speed appear here only, never in output files. */
export function formatRunReport(summary: Summary, outDir: string, wallMs: number, events: number): string {
  const lines: string[] = [];
  const s = summary;
  lines.push(`${s.scenario.name}: ${s.scenario.durationSeconds / 3600} h simulated, seed ${s.scenario.seed}`);
  lines.push(`  cost        $${s.cost.totalUsd.toFixed(2)} (${s.cost.instanceHours.toFixed(1)} instance-hours, idle $${s.cost.idleUsd.toFixed(2)})`);
  if (s.cost.fargateUsd > 0) lines.push(`  fargate     $${s.cost.fargateUsd.toFixed(2)} of it; ${s.cost.fargate.map((f) => `${f.provider} ${f.taskHours.toFixed(1)} task-hours`).join(', ')}`);
  if (s.cost.spotSavingsUsd > 0) lines.push(`  spot        saved $${s.cost.spotSavingsUsd.toFixed(2)} against all On-Demand ($${s.cost.onDemandBaselineUsd.toFixed(2)}); ${s.spot.interruptions} interruptions`);
  for (const svc of s.services) {
    const failures = Object.entries(svc.placementFailures).map(([r, n]) => `${r}×${n}`).join(', ');
    lines.push(
      `  service     ${svc.serviceName}: availability ${(svc.availability * 100).toFixed(3)}%, ${svc.runningAtEnd}/${svc.desiredAtEnd} running at end, ` +
        `${svc.tasks.started} started${svc.spot.interrupted > 0 ? `, ${svc.spot.interrupted} interrupted (replaced p95 ${svc.spot.replacementLatencySeconds.p95}s)` : ''}` +
        `${failures ? `, placement failures ${failures}` : ''}`,
    );
    const extra: string[] = [];
    if ('demand' in svc && svc.demand !== undefined) {
      extra.push(`served ${(svc.demand.servedShare * 100).toFixed(2)}% of ${svc.demand.requests.toLocaleString('en-US')} requests, ${svc.demand.minutesBelowSlo} min below SLO`);
      const steps = svc.demand.steps;
      if (steps.count > 0) extra.push(`${steps.count} demand steps: scale-out after ${steps.scaleOut.meanSeconds.toFixed(0)} s mean (${steps.scaleOut.reached} scaled), all served after ${steps.allServed.meanSeconds.toFixed(0)} s mean`);
    }
    if ('autoScaling' in svc && svc.autoScaling !== undefined) extra.push(`${Object.values(svc.autoScaling.actions).reduce((a, b) => a + b, 0)} scaling actions`);
    if ('deployments' in svc && svc.deployments !== undefined) extra.push(`deployments ${svc.deployments.map((d) => `${d.taskDefinition} ${d.state}${d.rollback ? ' (rollback)' : ''}`).join(', ')}`);
    if (extra.length > 0) lines.push(`              ${extra.join('; ')}`);
  }
  if ('clusterAutoScaling' in s && s.clusterAutoScaling !== undefined) {
    for (const p of s.clusterAutoScaling) lines.push(`  managed     ${p.capacityProvider} (target ${p.targetCapacity}%): ${p.scaleOuts} scale-outs, ${p.scaleIns} scale-ins`);
  }
  for (const job of s.jobs) {
    lines.push(
      `  job         ${job.name}: ${job.tasksCompleted}/${job.tasksSubmitted} tasks done, wait p50 ${job.waitSeconds.p50}s p95 ${job.waitSeconds.p95}s, ${job.stillQueued} still queued`,
    );
  }
  lines.push(`  cluster     ${s.cluster.instancesLaunched} instances launched, CPU reserved ${s.cluster.cpuReservationPercent.mean.toFixed(1)}% mean, memory ${s.cluster.memoryReservationPercent.mean.toFixed(1)}% mean`);
  lines.push(`  placements  ${s.simulation.placements}`);
  const rate = wallMs > 0 ? (events / wallMs) * 1000 : 0;
  lines.push(`  run         ${events} events in ${(wallMs / 1000).toFixed(2)} s wall (${Math.round(rate).toLocaleString('en-US')} events/s)`);
  const scaled = s.services.some((svc) => 'autoScaling' in svc && svc.autoScaling !== undefined) || ('clusterAutoScaling' in s && s.clusterAutoScaling !== undefined);
  lines.push(`  outputs     ${outDir}/ (summary.json, timeseries.csv, tasks.csv${scaled ? ', scaling.csv' : ''})`);
  return lines.join('\n');
}
