import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * fleetsim benchmark: each case runs N times (default 5) in a fresh Node process; the table shows
 * medians. `--check` exits 1 when a target is missed. `--quick` runs the small CI set (3 runs).
 *   npm run bench                      full set: engine hold model, S1, S1-autoscaling, S3, the guards
 *   npm run bench -- --quick --check   CI smoke check
 *   npm run bench -- --case S1 --runs 3
 * Targets (issue 2, one core of the 2-core dev machine): hold ≥ 4M ev/s at 10^4 pending,
 * ≥ 2.5M at 10^5, ≥ 1.2M at 10^6; S1 ≤ 5 s; S3 ≤ 60 s and ≤ 1 GiB RSS. Twelve guard cases (patterns.ts) ≤ 2 s each (daemon-partial-fit ≤ 3 s).
 */
interface Measurement {
  case: string;
  events: number;
  wallMs: number;
  eventsPerSecond: number;
  peakHeapMiB: number;
  peakRssMiB: number;
}

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly target: (m: Measurement) => boolean;
  readonly targetText: string;
}

const CASES: readonly Case[] = [
  { name: 'hold-1e4', args: ['hold', '10000'], target: (m) => m.eventsPerSecond >= 4_000_000, targetText: '>= 4.0M events/s' },
  { name: 'hold-1e5', args: ['hold', '100000'], target: (m) => m.eventsPerSecond >= 2_500_000, targetText: '>= 2.5M events/s' },
  { name: 'hold-1e6', args: ['hold', '1000000'], target: (m) => m.eventsPerSecond >= 1_200_000, targetText: '>= 1.2M events/s' },
  { name: 'small', args: ['fleet', 'small'], target: (m) => m.wallMs <= 3_000, targetText: '<= 3 s (CI smoke)' },
  { name: 'S1', args: ['fleet', 'S1'], target: (m) => m.wallMs <= 5_000, targetText: '<= 5 s' },
  { name: 'S1-autoscaling', args: ['fleet', 'S1-autoscaling'], target: (m) => m.wallMs <= 5_000, targetText: '<= 5 s' },
  { name: 'S3', args: ['fleet', 'S3'], target: (m) => m.wallMs <= 60_000 && m.peakRssMiB <= 1024, targetText: '<= 60 s, <= 1 GiB RSS' },
  // Guards against quadratic paths (bench/patterns.ts): each took 3-17 s before it was fixed.
  { name: 'fargate-scale-in', args: ['pattern', 'fargate-scale-in'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'backfill-backlog', args: ['pattern', 'backfill-backlog'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'rolling-deployment', args: ['pattern', 'rolling-deployment'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'distinct-instance-full', args: ['pattern', 'distinct-instance-full'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'distinct-instance-binpack', args: ['pattern', 'distinct-instance-binpack'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  // The slowest guard (a busy job stream of 546,000 events; 1.2-1.4 s in slow phases): 3 s still catches
  // its quadratic path (6 s in the fastest phase) without failing CI on the machine's slow minutes.
  { name: 'daemon-partial-fit', args: ['pattern', 'daemon-partial-fit'], target: (m) => m.wallMs <= 3_000, targetText: '<= 3 s (guard)' },
  { name: 'member-of-full', args: ['pattern', 'member-of-full'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'host-port-full', args: ['pattern', 'host-port-full'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'dense-services', args: ['pattern', 'dense-services'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'binpack-scale-in', args: ['pattern', 'binpack-scale-in'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'asg-scale-in', args: ['pattern', 'asg-scale-in'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
  { name: 'random-placement', args: ['pattern', 'random-placement'], target: (m) => m.wallMs <= 2_000, targetText: '<= 2 s (guard)' },
];
const GUARDS = ['fargate-scale-in', 'backfill-backlog', 'rolling-deployment', 'distinct-instance-full', 'distinct-instance-binpack', 'daemon-partial-fit', 'member-of-full', 'host-port-full', 'dense-services', 'binpack-scale-in', 'asg-scale-in', 'random-placement'];
const QUICK = ['hold-1e4', 'hold-1e5', 'small', ...GUARDS];
const FULL = ['hold-1e4', 'hold-1e5', 'hold-1e6', 'S1', 'S1-autoscaling', 'S3', ...GUARDS];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

function measure(c: Case): Measurement {
  const script = fileURLToPath(new URL('./runCase.js', import.meta.url));
  const out = execFileSync(process.execPath, ['--max-semi-space-size=64', script, ...c.args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measurement;
}

function main(): number {
  const quick = process.argv.includes('--quick');
  const check = process.argv.includes('--check');
  const runs = Number(option('--runs') ?? (quick ? 3 : 5));
  const only = option('--case');
  const names = only !== undefined ? only.split(',') : quick ? QUICK : FULL;
  const selected = CASES.filter((c) => names.includes(c.name));
  if (selected.length === 0) throw new Error(`unknown case ${only}; cases: ${CASES.map((c) => c.name).join(', ')}`);
  console.log(`fleetsim bench: ${runs} run(s) per case, medians; node ${process.version}`);
  console.log('case                       events        wall s   events/s     heap MiB  RSS MiB  target                 ok   (wall s of each run)');
  let failed = 0;
  for (const c of selected) {
    const ms = Array.from({ length: runs }, () => measure(c));
    const m: Measurement = {
      case: c.name,
      events: median(ms.map((x) => x.events)),
      wallMs: median(ms.map((x) => x.wallMs)),
      eventsPerSecond: median(ms.map((x) => x.eventsPerSecond)),
      peakHeapMiB: Math.max(...ms.map((x) => x.peakHeapMiB)),
      peakRssMiB: Math.max(...ms.map((x) => x.peakRssMiB)),
    };
    const ok = c.target(m);
    if (!ok) failed++;
    console.log(
      `${c.name.padEnd(26)} ${String(m.events).padStart(11)} ${(m.wallMs / 1000).toFixed(2).padStart(9)} ${(m.eventsPerSecond / 1e6).toFixed(2).padStart(8)}M ` +
        `${String(m.peakHeapMiB).padStart(10)} ${String(m.peakRssMiB).padStart(8)}  ${c.targetText.padEnd(22)} ${(ok ? 'yes' : 'MISSED').padEnd(6)} ` +
        `(${ms.map((x) => (x.wallMs / 1000).toFixed(2)).join(' ')})`,
    );
  }
  if (check && failed > 0) {
    console.error(`${failed} target(s) missed`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
