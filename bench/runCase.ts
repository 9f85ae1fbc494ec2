import { loadScenarioText } from '../src/scenario/load.js';
import { simulate } from '../src/sim/simulate.js';
import { FLEETS, fleetScenario } from './fleets.js';
import { holdModel } from './holdModel.js';
import { PATTERNS } from './patterns.js';

/**
 * One benchmark measurement in a fresh process (so heap and RSS belong to it alone).
 * Usage: node dist/bench/runCase.js hold <pending> | fleet <small|S1|S1-autoscaling|S3> | pattern <a guard of bench/patterns.ts>
 * Prints one JSON line: events, wallMs, eventsPerSecond, peakHeapMiB, peakRssMiB, and case facts.
 */
function memory(): { heap: number; rss: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

function main(): void {
  const [kind, arg] = process.argv.slice(2);
  let peakHeap = 0;
  const sampleMemory = () => {
    peakHeap = Math.max(peakHeap, memory().heap);
  };
  let out: Record<string, number | string>;
  if (kind === 'hold') {
    const pending = Number(arg);
    const r = holdModel(pending, Math.max(5_000_000, pending * 5));
    sampleMemory();
    out = { case: `hold-${pending}`, events: r.events, wallMs: r.wallMs };
  } else if ((kind === 'fleet' && arg !== undefined && FLEETS[arg] !== undefined) || (kind === 'pattern' && arg !== undefined && PATTERNS[arg] !== undefined)) {
    const json = kind === 'fleet' ? fleetScenario(arg, FLEETS[arg] as (typeof FLEETS)[string]) : (PATTERNS[arg] as () => unknown)();
    const loaded = loadScenarioText(JSON.stringify(json), { baseDir: '.' });
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    const started = performance.now();
    const result = simulate(loaded.scenario, { onProgress: sampleMemory });
    const wallMs = performance.now() - started;
    sampleMemory();
    const jobs = result.summary.jobs.reduce((n, j) => n + j.tasksSubmitted, 0);
    out = {
      case: arg,
      events: result.run.events,
      wallMs,
      hosts: result.summary.cluster.instancesLaunched,
      tasks: result.summary.simulation.tasksCreated,
      batchTasks: jobs,
      placements: result.placements,
    };
  } else {
    throw new Error(`usage: runCase hold <pending> | fleet <${Object.keys(FLEETS).join('|')}> | pattern <${Object.keys(PATTERNS).join('|')}>`);
  }
  const usage = process.resourceUsage();
  const peakRss = usage.maxRSS * 1024;
  console.log(
    JSON.stringify({
      ...out,
      eventsPerSecond: Math.round((Number(out.events) / Number(out.wallMs)) * 1000),
      peakHeapMiB: Math.round(peakHeap / 1048576),
      peakRssMiB: Math.round(peakRss / 1048576),
      processCpuSeconds: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e4) / 100,
    }),
  );
}

main();
