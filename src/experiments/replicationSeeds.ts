import seedrandom from 'seedrandom';

/**
 * The seed of replication i of a scenario with seed s: replication 0 uses s itself (so it equals a
 * plain `fleetsim run`), replication i > 0 the first 32-bit draw of the seedrandom stream named
 * `fleetsim/replication/<s>/<i>`. Seeds depend only on (s, i): the same in any order, on any number of
 * workers, in any shard, and shared by both sides of a paired comparison (common random numbers).
 */
export function replicationSeed(scenarioSeed: number, index: number): number {
  if (!Number.isInteger(index) || index < 0) throw new Error(`bad replication index ${index}`);
  if (index === 0) return scenarioSeed;
  return seedrandom(`fleetsim/replication/${scenarioSeed}/${index}`).int32() >>> 0;
}
