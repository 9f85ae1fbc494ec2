import { describe, expect, it } from 'vitest';
import type { RunFiles } from '../../src/report/html/readResults.js';
import { runCharts, runMarkers, summaryCards } from '../../src/report/html/runReport.js';

const summary = {
  scenario: { name: 's', start: '2026-01-05T00:00:00Z', sampleIntervalSeconds: 60, durationSeconds: 3600, seed: 1 },
  cost: { totalUsd: 1.5, instanceHours: 2, spotSavingsUsd: 0 },
  services: [{ serviceName: 'web', availability: 0.999, taskSecondsShort: 3, deployments: [{ taskDefinition: 'web:2', startedSeconds: 600, rollback: false, state: 'COMPLETED' }], demand: { servedShare: 0.98 } }],
  jobs: [],
  spot: { interruptions: 400, tasksInterrupted: 400 },
};

function run(overrides: Partial<RunFiles> = {}): RunFiles {
  const timeseries = [0, 60, 120].map((t) => ({ elapsed_s: String(t), 'service.web.desired': '2', 'service.web.running': '2', 'service.web.pending': '0', 'service.web.demand_rps': '10', 'service.web.served_rps': '9', 'service.web.dropped_rps': '1', instances_active: '2', instances_spot: '1', instances_in_use: '2', fargate_tasks: '0', cpu_reservation_pct: '50', memory_reservation_pct: '40', cost_usd: String(t / 100) }));
  return { summary, timeseries, scaling: [], timeline: [], interruptions: [], explanations: [], explanationCount: 0, ...overrides };
}

describe('run report model', () => {
  it('has a card per headline figure, named by its summary path', () => {
    expect(summaryCards(summary).map((c) => [c.metric, c.value])).toEqual([
      ['cost.totalUsd', 1.5],
      ['services[web].availability', 0.999],
      ['services[web].demand.servedShare', 0.98],
      ['spot.interruptions', 400],
    ]);
  });

  it('draws tasks and demand per service, instances, reservation and cost over time', () => {
    const charts = runCharts(run());
    expect(charts.map((c) => c.id)).toEqual(['tasks-web', 'demand-web', 'hosts', 'reservation', 'cost']);
    expect(charts[0]?.x).toEqual([1767571200, 1767571260, 1767571320]);
    expect(charts[1]?.series.map((s) => s.label)).toEqual(['demand', 'served', 'dropped']);
  });

  it('marks deployments, scaling actions and timeline events, and buckets interruptions beyond 150', () => {
    const interruptions = Array.from({ length: 400 }, (_, i) => 1000 + i * 0.5);
    const markers = runMarkers(
      run({ interruptions, scaling: [{ elapsed_s: '300', target: 'web', source: 'cpu50', from: '2', to: '3' }, { elapsed_s: '360', target: 'web', source: 'cpu50', from: '3', to: '3' }], timeline: [{ elapsed_s: '900', type: 'failAvailabilityZone', target: 'us-east-1a', detail: 'for 600 s' }] }),
      0,
      60,
    );
    const byKind = (k: string) => markers.filter((m) => m.kind === k);
    expect(byKind('scaling').map((m) => m.label)).toEqual(['web: 2 → 3 (cpu50)']);
    expect(byKind('deployment').map((m) => m.x)).toEqual([600]);
    expect(byKind('timeline').map((m) => m.label)).toEqual(['failAvailabilityZone us-east-1a: for 600 s']);
    // 400 interruptions between 1000 s and 1200 s fall into 60-second buckets.
    expect(byKind('interruption').map((m) => [m.x, m.label])).toEqual([[960, '40 Spot interruptions'], [1020, '120 Spot interruptions'], [1080, '120 Spot interruptions'], [1140, '120 Spot interruptions']]);
  });
});
