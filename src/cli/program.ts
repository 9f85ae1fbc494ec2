export { CliExit, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, type CliIo } from './cliIo.js';
import { Command, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { formatIssueLines } from '../scenario/issues.js';
import { loadScenarioFile } from '../scenario/load.js';
import { scenarioJsonSchema } from '../scenario/schema/scenario.js';
import { runToDirectory } from '../report/writeRun.js';
import { writeReport } from '../report/writeReport.js';
import { findExplanation } from '../report/explanationsJsonl.js';
import { describeExplanation } from '../report/explanationText.js';
import { existsSync } from 'node:fs';
import { formatRunReport } from './printSummary.js';
import { progressBar } from './progress.js';
import { CliExit, EXIT_BAD_INPUT, type CliIo } from './cliIo.js';
import { addExperimentCommands, positiveInt, runReplications, workersOption } from './experimentCommands.js';

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1) throw new InvalidArgumentError('expected a whole number from 0 to 4294967295');
  return n;
}

interface RunOptions {
  seed?: number;
  out?: string;
  duration?: string;
  tasks: boolean;
  quiet?: boolean;
  replications?: number;
  workers?: number;
  report?: boolean;
  explain?: string;
}

function reportTo(dir: string, io: CliIo, quiet: boolean): void {
  const file = writeReport(dir);
  if (!quiet) io.out(`report: ${file}\n`);
}

export function createProgram(io: CliIo): Command {
  const program = new Command('fleetsim')
    .description('Deterministic discrete-event simulator of Amazon ECS-style clusters')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('run')
    .description('run a scenario and write summary.json, timeseries.csv and tasks.csv')
    .argument('<scenario>', 'scenario JSON file')
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--out <dir>', 'output folder (default: results/<scenario name>)')
    .option('--duration <d>', 'override the simulated duration ("6h", "30d")')
    .option('--no-tasks', 'do not write tasks.csv (large runs)')
    .option('--quiet', 'print nothing on success')
    .option('--replications <n>', 'run n replications (seeds derived from the scenario seed) and write aggregate.csv with 95% CIs', positiveInt('a replication count'))
    .addOption(workersOption())
    .option('--report', 'also write report.html (see `fleetsim report`)')
    .option('--explain <names>', 'record why each EC2 placement of these services or jobs (comma-separated) went where it went: explanations.jsonl')
    .action(async (file: string, opts: RunOptions) => {
      const loaded = loadScenarioFile(file, { seed: opts.seed, duration: opts.duration });
      if (!loaded.ok) {
        io.err(`${formatIssueLines(loaded.issues).join('\n')}\n`);
        throw new CliExit(EXIT_BAD_INPUT);
      }
      const model = loaded.scenario;
      const outDir = opts.out ?? join('results', model.name);
      const explain = opts.explain === undefined ? undefined : opts.explain.split(',').map((n) => n.trim()).filter((n) => n !== '');
      const known = [...model.services.map((x) => x.name), ...model.jobs.map((x) => x.name)];
      const unknown = (explain ?? []).filter((n) => !known.includes(n));
      if (unknown.length > 0) {
        io.err(`--explain: no service or job named ${unknown.map((n) => `"${n}"`).join(', ')} (have: ${known.join(', ') || 'none'})\n`);
        throw new CliExit(EXIT_BAD_INPUT);
      }
      if (opts.replications !== undefined) {
        const source = { file, overrides: [], seed: opts.seed, duration: opts.duration };
        await runReplications({ source, scenarioName: model.name, replications: opts.replications, workers: opts.workers, outDir, tasksCsv: opts.tasks, quiet: opts.quiet === true }, io);
        if (opts.report === true) reportTo(outDir, io, opts.quiet === true);
        return;
      }
      const bar = io.stderrIsTty && !opts.quiet ? progressBar(model.durationMs, io.err) : undefined;
      const started = io.now();
      const result = runToDirectory(model, outDir, { tasksCsv: opts.tasks, onProgress: bar?.update, explain });
      bar?.done();
      if (!opts.quiet) io.out(`${formatRunReport(result.summary, outDir, io.now() - started, result.run.events)}\n`);
      if (opts.report === true) reportTo(outDir, io, opts.quiet === true);
    });

  program
    .command('explain')
    .description('print why one task went where it went (from a run with --explain)')
    .argument('<results-dir>', 'folder of a run made with --explain')
    .argument('<task-id>', 'task id (tasks.csv task_id)')
    .action((dir: string, id: string) => {
      const file = join(dir, 'explanations.jsonl');
      if (!existsSync(file)) {
        io.err(`explain: ${file} not found: run the scenario with --explain <service or job>\n`);
        throw new CliExit(EXIT_BAD_INPUT);
      }
      const row = findExplanation(file, id);
      if (row === undefined) {
        io.err(`explain: task ${id} has no explanation in ${file} (only EC2 placements of the --explain services and jobs are recorded)\n`);
        throw new CliExit(EXIT_BAD_INPUT);
      }
      io.out(`${describeExplanation(row)}\n`);
    });

  program
    .command('report')
    .description('write report.html (self-contained, opens offline) for a results folder: a run, replications or a sweep')
    .argument('<results-dir>', 'folder written by run, run --replications, sweep or merge')
    .action((dir: string) => {
      try {
        reportTo(dir, io, false);
      } catch (error) {
        if (!(error instanceof Error) || !/not a fleetsim results folder|ENOENT/.test(error.message)) throw error;
        io.err(`report: ${error.message}\n`);
        throw new CliExit(EXIT_BAD_INPUT);
      }
    });

  program
    .command('validate')
    .description('check scenario files; print each problem as "path: message"')
    .argument('<scenario...>', 'scenario JSON files')
    .action((files: string[]) => {
      let bad = false;
      for (const file of files) {
        const loaded = loadScenarioFile(file);
        if (loaded.ok) io.out(`${file}: ok\n`);
        else {
          bad = true;
          io.err(`${formatIssueLines(loaded.issues).map((l) => (files.length > 1 ? `${file}: ${l}` : l)).join('\n')}\n`);
        }
      }
      if (bad) throw new CliExit(EXIT_BAD_INPUT);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .action(() => io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`));

  addExperimentCommands(program, io);
  return program;
}
