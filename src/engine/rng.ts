import seedrandom from 'seedrandom';

/**
 * Named random streams. Each source of randomness (a job's arrivals, a service's crashes, a pool's
 * boot times, placement's `random` strategy …) draws from its own stream seeded by
 * "<scenario seed>/<stream name>", so adding or changing one source never shifts another's draws.
 */
export type Random = () => number;

export function createStream(seed: number | string, name: string): Random {
  return seedrandom.alea(`${seed}/${name}`);
}

export class RandomStreams {
  private readonly streams = new Map<string, Random>();

  constructor(readonly seed: number | string) {}

  /** The stream of this name, created on first use. */
  stream(name: string): Random {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = createStream(this.seed, name);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
