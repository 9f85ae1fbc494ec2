import type { ExplanationRow } from '../metrics/placementExplainer.js';

/**
 * Placement explanations in words (`fleetsim explain`, the report's table). A row is one line of
 * explanations.jsonl: the decision's filters, each strategy level and the best few candidates.
 */
export type ExplanationLine = ExplanationRow & { readonly time: string };

function tasksOf(n: number): string {
  return `${n} task${n === 1 ? '' : 's'} of this ${'service'}`;
}

/** One sentence per strategy level. */
export function levelSentences(row: ExplanationLine): string[] {
  const out: string[] = [];
  row.levels.forEach((level, k) => {
    const next = row.levels[k + 1]?.candidates ?? row.tiedAtEnd;
    const tie = next > 1 ? `; ${next} tie` : '';
    const owner = row.ownerType === 'service' ? 'service' : 'job';
    if (level.strategy.startsWith('binpack')) {
      const memory = level.strategy === 'binpack(memory)';
      const left = level.chosenKey - (memory ? row.taskMemory : row.taskCpu);
      out.push(`${level.strategy}: ${row.instanceId} has ${left} ${memory ? 'MiB' : 'CPU units'} left after placement, the least of ${level.candidates} candidate${level.candidates === 1 ? '' : 's'}${tie}`);
    } else if (level.strategy === 'spread(instanceId)') {
      out.push(`spread(instanceId): ${row.instanceId} has ${tasksOf(level.chosenKey).replace('service', owner)}, the fewest among ${level.candidates} candidate${level.candidates === 1 ? '' : 's'}${tie}`);
    } else if (level.counts !== undefined) {
      const attribute = level.strategy.slice('spread(attribute:'.length, -1);
      const value = Object.entries(level.counts).find(([, n]) => n === level.chosenKey)?.[0] ?? '';
      const chosenValue = attribute === 'ecs.availability-zone' ? row.zone : value;
      const all = Object.entries(level.counts).map(([v, n]) => `${v} ${n}`).join(', ');
      const where = attribute === 'ecs.availability-zone' ? 'AZs' : `${attribute} values`;
      out.push(`${level.strategy}: ${chosenValue} has ${tasksOf(level.chosenKey).replace('service', owner)}, the fewest (${all}); ${next} of ${level.candidates} candidates are in ${where} with that count`);
    } else out.push(`${level.strategy}: key ${level.chosenKey} (best ${level.bestKey}) among ${level.candidates}`);
  });
  if (row.tiedAtEnd > 1) out.push(`${row.tiedAtEnd} hosts still tied: ${row.tieBreak === 'random' ? 'picked at random among them' : 'the lowest instance index wins'}`);
  return out;
}

export function filterSentence(row: ExplanationLine): string {
  const removed = row.removed.length === 0 ? 'no filter removed any' : row.removed.map(([reason, n]) => `${reason} removed ${n}`).join(', ');
  return `filters: ${row.hostsConsidered} instances considered; ${removed}; ${row.feasible} could take the task (${row.taskCpu} CPU units, ${row.taskMemory} MiB)`;
}

export function describeExplanation(row: ExplanationLine): string {
  const lines = [`task ${row.taskId} · ${row.ownerType} ${row.owner} · ${row.time} → ${row.instanceId} (${row.zone})`, `  ${filterSentence(row)}`];
  for (const s of levelSentences(row)) lines.push(`  ${s}`);
  if (row.ranking.length > 0) lines.push(`  best candidates in order: ${row.ranking.map((r) => `${r.instanceId} (${r.zone}) [${r.keys.join(', ')}]`).join(', ')}`);
  return lines.join('\n');
}
