import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/program.js';

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'fleetsim-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', stderrIsTty: false, now: () => 0, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function cli(...args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'fleetsim', ...args], io);
  return { code, ...io };
}

const TD = [{ family: 'a', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }];
const ASG = [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 1 }];
const scenario = (extra: Record<string, unknown>) => JSON.stringify({ name: 'x', duration: '1h', autoScalingGroups: ASG, taskDefinitions: TD, ...extra });
const BAD_CASES: [string, string, RegExp][] = [
  ['wrong-type', scenario({ sampleInterval: true }), /^sampleInterval: /],
  ['negative-count', scenario({ services: [{ serviceName: 's', taskDefinition: 'a', desiredCount: -2 }] }), /^services\[0\]\.desiredCount: expected a whole number >= 0$/],
  ['fractional-count', scenario({ jobs: [{ name: 'j', taskDefinition: 'a', arrivals: { type: 'interval', every: '1m' }, runTime: '1m', count: 1.5 }] }), /^jobs\[0\]\.count: /],
  ['unknown-type', scenario({ autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'q9.mega', DesiredCapacity: 1 }] }), /^autoScalingGroups\[0\]\.InstanceType: unknown instance type/],
  ['unknown-td', scenario({ services: [{ serviceName: 's', taskDefinition: 'zzz' }] }), /^services\[0\]\.taskDefinition: unknown task definition "zzz"/],
  ['too-large', scenario({ taskDefinitions: [{ family: 'a', cpu: '8 vCPU', memory: '1 GB', containerDefinitions: [{ name: 'c' }] }], services: [{ serviceName: 's', taskDefinition: 'a' }] }), /is larger than every host/],
  ['bad-query', scenario({ services: [{ serviceName: 's', taskDefinition: 'a', placementConstraints: [{ type: 'memberOf', expression: 'attribute:x in [a' }] }] }), /^services\[0\]\.placementConstraints\[0\]\.expression: invalid query expression/],
  ['malformed', '{"name": "x"', /^\$: malformed JSON/],
  ['empty', '', /^\$: the file is empty/],
  ['unknown-field', JSON.stringify({ name: 'x', duration: '1h', taskDefinitions: [{ family: 'a', memory: '1', containerDefinitions: [{ name: 'c' }] }], extra: 1 }), /^extra: unknown field$/],
  ['bad-duration', JSON.stringify({ name: 'x', duration: 'soon', taskDefinitions: [{ family: 'a', memory: '1', containerDefinitions: [{ name: 'c' }] }] }), /^duration: expected a duration/],
];

describe('fleetsim CLI', () => {
  it('run writes summary.json, timeseries.csv and tasks.csv and prints a summary', async () => {
    const out = join(work, 'quick');
    const r = await cli('run', join(ROOT, 'scenarios/quickstart.json'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cost\s+\$/);
    expect(r.stdout).toMatch(/events\/s/);
    for (const f of ['summary.json', 'timeseries.csv', 'tasks.csv']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).not.toMatch(/events\/s|wall/);
  });

  it('--seed and --duration override the scenario; --no-tasks skips tasks.csv', async () => {
    const out = join(work, 'override');
    const r = await cli('run', join(ROOT, 'scenarios/quickstart.json'), '--out', out, '--seed', '9', '--duration', '1h', '--no-tasks', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario.seed).toBe(9);
    expect(summary.scenario.durationSeconds).toBe(3600);
    expect(existsSync(join(out, 'tasks.csv'))).toBe(false);
  });

  for (const [name, text, message] of BAD_CASES) {
    it(`bad scenario (${name}): exit 2, "path: message", no output folder`, async () => {
      const file = join(work, `${name}.json`);
      writeFileSync(file, text);
      const out = join(work, `out-${name}`);
      const r = await cli('run', file, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(message);
      expect(existsSync(out)).toBe(false);
      expect((await cli('validate', file)).code).toBe(2);
    });
  }

  it('validate says ok for every bundled scenario', async () => {
    const r = await cli('validate', ...['quickstart', 'placement-binpack', 'constraints', 'batch-queue'].map((n) => join(ROOT, `scenarios/${n}.json`)));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.endsWith(': ok'))).toHaveLength(4);
  });

  it('schema prints the JSON Schema of the scenario format', async () => {
    const r = await cli('schema');
    const schema = JSON.parse(r.stdout);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['taskDefinitions', 'services', 'jobs', 'autoScalingGroups', 'events']));
    expect(schema.additionalProperties).toBe(false);
  });

  it('an unknown command or option exits 2', async () => {
    expect((await cli('explode')).code).toBe(2);
    expect((await cli('run', 'x.json', '--seed', '-3')).code).toBe(2);
  });

  it('the installed binary prints problems without a stack trace', () => {
    const file = join(work, 'bin-bad.json');
    writeFileSync(file, '{"name": 1}');
    const r = spawnSync('node', [join(ROOT, 'bin/fleetsim.js'), 'validate', file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^name: /m);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(execFileSync('node', [join(ROOT, 'bin/fleetsim.js'), '--version'], { encoding: 'utf8' }).trim()).toBe('0.1.0');
  });
});

describe('run --explain and explain', () => {
  it('records placements of the named workloads and prints one decision in words', async () => {
    const out = join(work, 'explained');
    const ok = await cli('run', join(ROOT, 'scenarios/quickstart.json'), '--explain', 'reports', '--out', out, '--quiet');
    expect(ok.code).toBe(0);
    const lines = readFileSync(join(out, 'explanations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { taskId: number; owner: string });
    expect(lines.length).toBeGreaterThan(100);
    expect(new Set(lines.map((l) => l.owner))).toEqual(new Set(['reports']));
    const shown = await cli('explain', out, String(lines[0]?.taskId));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^task \d+ · job reports · 2026-01-05T\S+ → i-\d+ \(us-east-1[abc]\)\n {2}filters: 6 instances considered;/);
    expect(shown.stdout).toMatch(/binpack\(memory\): i-\d+ has \d+ MiB left after placement, the least of \d+ candidates/);
    const missing = await cli('explain', out, '999999');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/task 999999 has no explanation/);
    const unknown = await cli('run', join(ROOT, 'scenarios/quickstart.json'), '--explain', 'nightly', '--out', join(work, 'never'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('--explain: no service or job named "nightly" (have: web, log-agent, reports)\n');
    expect(existsSync(join(work, 'never'))).toBe(false);
  });
});

describe('report on something that is not a results folder', () => {
  it('says what it looked for and exits 2', async () => {
    const empty = join(work, 'not-results');
    mkdirSync(empty, { recursive: true });
    const r = await cli('report', empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no summary\.json, aggregate\.json, comparison\.json or sweep\.json — not a fleetsim results folder/);
  });
});
