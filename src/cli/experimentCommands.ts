import { Command, InvalidArgumentError, Option } from 'commander';
import { basename, join } from 'node:path';
import { compareScenarios, pointSource, replicate, sourceProblems, sweepScenario } from '../experiments/experiments.js';
import { mergeShards } from '../experiments/sweepDoc.js';
import { gridPoints, gridSize, parseShard, parseSweepParameter, type SweepParameter } from '../experiments/sweepGrid.js';
import { defaultWorkers } from '../experiments/workerPool.js';
import type { ScenarioSource } from '../experiments/runJob.js';
import { num, writeAggregate, writeComparison, writeReplicationsCsv } from '../report/experimentFiles.js';
import { writeOutputs } from '../report/outputDirectory.js';
import { writeReport } from '../report/writeReport.js';
import { readSweepJson, shardFileName, writeSweep, writeSweepJson } from '../report/sweepFiles.js';
import { OverrideError, parseOverride } from '../scenario/overrides.js';
import { CliExit, EXIT_BAD_INPUT, type CliIo } from './cliIo.js';
import { countBar } from './progress.js';
import { formatComparison, formatEstimates } from './printExperiment.js';

/** `run --replications`, `compare`, `sweep` and `merge`: parse, check every scenario first, run, write. */
export function positiveInt(what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected ${what}: a whole number >= 1`);
    return n;
  };
}

export const workersOption = () => new Option('--workers <n>', 'worker threads (default: one per core)').argParser(positiveInt('a worker count'));

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function checkOverrides(texts: readonly string[], io: CliIo): void {
  try {
    for (const t of texts) parseOverride(t);
  } catch (error) {
    if (!(error instanceof OverrideError)) throw error;
    io.err(`${error.message}\n`);
    throw new CliExit(EXIT_BAD_INPUT);
  }
}

function checkSources(sources: readonly ScenarioSource[], io: CliIo): void {
  const problems = sourceProblems(sources);
  if (problems.length === 0) return;
  io.err(`${problems.join('\n')}\n`);
  throw new CliExit(EXIT_BAD_INPUT);
}

export interface ReplicationRequest {
  readonly source: ScenarioSource;
  readonly scenarioName: string;
  readonly replications: number;
  readonly workers: number | undefined;
  readonly outDir: string;
  readonly tasksCsv: boolean;
  readonly quiet: boolean;
}

/** `run --replications N`: every replication's outputs under replications/<i>/, then the aggregate. */
export async function runReplications(request: ReplicationRequest, io: CliIo): Promise<void> {
  const result = await writeOutputs(request.outDir, async (out) => {
    const bar = io.stderrIsTty && !request.quiet ? countBar('replications', io.err, io.now) : undefined;
    const r = await replicate(request.source, {
      replications: request.replications,
      workers: request.workers ?? defaultWorkers(),
      outDir: (i) => out.path(join('replications', String(i))),
      tasksCsv: request.tasksCsv,
      onDone: bar?.update,
    });
    bar?.done();
    writeReplicationsCsv(out.path('replications.csv'), r.seeds, r.lists);
    writeAggregate((f) => out.path(f), { experiment: 'replications', scenario: request.scenarioName, replications: request.replications, seeds: r.seeds }, r.estimates);
    return r;
  });
  if (!request.quiet) io.out(`${formatEstimates(request.scenarioName, request.replications, result.estimates, request.outDir)}\n`);
}

export function addExperimentCommands(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description('paired what-if: run base and variant with the same seeds, report each metric\'s mean difference with its 95% CI')
    .argument('<base>', 'base scenario JSON file')
    .argument('[variant]', 'variant scenario JSON file (default: the base with the --set overrides)')
    .option('--set <path=value>', 'override in the variant (repeatable)', collect, [])
    .option('--replications <n>', 'replications per side', positiveInt('a replication count'), 10)
    .addOption(workersOption())
    .option('--unpaired', 'independent seeds for the variant and Welch\'s interval (to see what pairing buys)')
    .option('--out <dir>', 'output folder (default: results/compare-<base>-vs-<variant>)')
    .option('--report', 'also write report.html')
    .option('--quiet', 'print nothing on success')
    .action(async (baseFile: string, variantFile: string | undefined, opts: { set: string[]; replications: number; workers?: number; unpaired?: boolean; out?: string; quiet?: boolean; report?: boolean }) => {
      checkOverrides(opts.set, io);
      if (variantFile === undefined && opts.set.length === 0) {
        io.err('compare: give a variant scenario file or at least one --set override\n');
        throw new CliExit(EXIT_BAD_INPUT);
      }
      const base: ScenarioSource = { file: baseFile, overrides: [] };
      const variant: ScenarioSource = { file: variantFile ?? baseFile, overrides: opts.set };
      checkSources([base, variant], io);
      const stem = (f: string) => basename(f).replace(/\.json$/, '');
      const outDir = opts.out ?? join('results', `compare-${stem(baseFile)}-vs-${variantFile === undefined ? 'set' : stem(variantFile)}`);
      const result = await writeOutputs(outDir, async (out) => {
        const bar = io.stderrIsTty && !opts.quiet ? countBar('runs', io.err, io.now) : undefined;
        const r = await compareScenarios(base, variant, { replications: opts.replications, workers: opts.workers ?? defaultWorkers(), paired: opts.unpaired !== true, onDone: bar?.update });
        bar?.done();
        writeReplicationsCsv(out.path('base-replications.csv'), r.baseSeeds, r.base);
        writeReplicationsCsv(out.path('variant-replications.csv'), r.variantSeeds, r.variant);
        const header = { experiment: 'compare', paired: r.paired, base: baseFile, variant: variantFile ?? baseFile, overrides: opts.set, replications: opts.replications, baseSeeds: r.baseSeeds, variantSeeds: r.variantSeeds };
        writeComparison((f) => out.path(f), header, r.differences);
        return r;
      });
      if (opts.report === true) writeReport(outDir);
      if (!opts.quiet) io.out(`${formatComparison(result, outDir)}\n`);
    });

  program
    .command('sweep')
    .description('run the grid of --set values × replications and write sweep.csv (per point: parameters, each metric\'s mean and CI half-width)')
    .argument('<scenario>', 'scenario JSON file')
    .option('--set <path=v1,v2,...>', 'a swept parameter (repeatable; the grid is their product, the first varying slowest)', collect, [])
    .option('--replications <n>', 'replications per grid point', positiveInt('a replication count'), 5)
    .addOption(workersOption())
    .option('--shard <i/n>', 'run only grid points p with p mod n = i; "n" alone reads i from AWS_BATCH_JOB_ARRAY_INDEX, JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID')
    .option('--out <dir>', 'output folder (default: results/sweep-<scenario>)')
    .option('--report', 'also write report.html (not for a single shard: merge first)')
    .option('--quiet', 'print nothing on success')
    .action(async (file: string, opts: { set: string[]; replications: number; workers?: number; shard?: string; out?: string; quiet?: boolean; report?: boolean }) => {
      let parameters: SweepParameter[];
      let shard = { index: 0, count: 1 };
      try {
        if (opts.set.length === 0) throw new Error('sweep: give at least one --set path=v1,v2,…');
        parameters = opts.set.map(parseSweepParameter);
        if (opts.shard !== undefined) shard = parseShard(opts.shard, process.env);
      } catch (error) {
        io.err(`${(error as Error).message}\n`);
        throw new CliExit(EXIT_BAD_INPUT);
      }
      const source: ScenarioSource = { file, overrides: [] };
      const size = gridSize(parameters);
      const sources = gridPoints(parameters, shard).map((point) => pointSource(source, parameters, point));
      checkSources(sources, io);
      const outDir = opts.out ?? join('results', `sweep-${basename(file).replace(/\.json$/, '')}`);
      const doc = await writeOutputs(outDir, async (out) => {
        const bar = io.stderrIsTty && !opts.quiet ? countBar('runs', io.err, io.now) : undefined;
        const d = await sweepScenario(source, parameters, { replications: opts.replications, workers: opts.workers ?? defaultWorkers(), shard, num, onDone: bar?.update });
        bar?.done();
        if (shard.count === 1) writeSweep((f) => out.path(f), d);
        else writeSweepJson(out.path(shardFileName(shard.index, shard.count)), d);
        return d;
      });
      if (opts.report === true && shard.count === 1) writeReport(outDir);
      if (!opts.quiet) io.out(`sweep of ${size} grid points × ${opts.replications} replications${shard.count > 1 ? ` (shard ${shard.index} of ${shard.count}: ${doc.points.length} points)` : ''} → ${outDir}\n`);
    });

  program
    .command('merge')
    .description('combine sweep shard files into the sweep.csv and sweep.json one machine would have written')
    .argument('<files...>', 'shard files (sweep-shard-<i>-of-<n>.json)')
    .requiredOption('--out <dir>', 'output folder')
    .action((files: string[], opts: { out: string }) => {
      let doc;
      try {
        doc = mergeShards(files.map(readSweepJson));
      } catch (error) {
        io.err(`merge: ${(error as Error).message}\n`);
        throw new CliExit(EXIT_BAD_INPUT);
      }
      const merged = doc;
      writeOutputs(opts.out, (out) => writeSweep((f) => out.path(f), merged));
      io.out(`merged ${files.length} shard files (${doc.points.length} grid points) → ${opts.out}\n`);
    });
}
