/**
 * Valid Fargate task sizes (aws-behaviour.md §6, Linux): CPU units → allowed memory (MiB).
 * The 32-vCPU size of the pricing page is unconfirmed elsewhere and not offered.
 */
const GiB = 1024;

function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
}

export const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1 * GiB, 2 * GiB]],
  [512, steps(1 * GiB, 4 * GiB, GiB)],
  [1024, steps(2 * GiB, 8 * GiB, GiB)],
  [2048, steps(4 * GiB, 16 * GiB, GiB)],
  [4096, steps(8 * GiB, 30 * GiB, GiB)],
  [8192, steps(16 * GiB, 60 * GiB, 4 * GiB)],
  [16384, steps(32 * GiB, 120 * GiB, 8 * GiB)],
]);

export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES.get(cpu)?.includes(memory) ?? false;
}

function range(memories: readonly number[]): string {
  if (memories.length <= 3) return memories.join(', ');
  const step = (memories[1] as number) - (memories[0] as number);
  return `${memories[0]}–${memories[memories.length - 1]} in steps of ${step}`;
}

/** A sentence naming the nearest valid sizes, for the error on an invalid one. */
export function fargateSizeHint(cpu: number, memory: number): string {
  const parts: string[] = [];
  const same = FARGATE_SIZES.get(cpu);
  if (same !== undefined) parts.push(`with ${cpu} CPU units Fargate allows ${range(same)} MiB`);
  else parts.push(`Fargate CPU sizes are ${[...FARGATE_SIZES.keys()].join(', ')} units`);
  let smallest: string | undefined;
  for (const [c, memories] of FARGATE_SIZES) {
    const m = memories.find((x) => x >= memory);
    if (c >= cpu && m !== undefined) {
      smallest = `${c} CPU units / ${m} MiB`;
      break;
    }
  }
  if (smallest !== undefined) parts.push(`the smallest size that holds the task is ${smallest}`);
  else parts.push('no Fargate size holds the task');
  return parts.join('; ');
}
