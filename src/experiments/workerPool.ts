import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runJob, type RunJob, type RunOutcome } from './runJob.js';

/**
 * Runs experiment jobs, on worker threads when more than one worker is asked for. Results come back in
 * job order whatever order runs finish in, so files built from them do not depend on the worker count.
 */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** The compiled worker script (from sources under vitest, the build that `npm test` makes first). */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return fileURLToPath(new URL('./replicationWorker.js', import.meta.url));
  return fileURLToPath(new URL('../../dist/src/experiments/replicationWorker.js', import.meta.url));
}

export async function runJobs(jobs: readonly RunJob[], workers: number, onDone?: (done: number, total: number) => void): Promise<RunOutcome[]> {
  const results: RunOutcome[] = new Array<RunOutcome>(jobs.length);
  let done = 0;
  if (workers <= 1 || jobs.length <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      results[i] = runJob(jobs[i] as RunJob);
      done++;
      onDone?.(done, jobs.length);
    }
    return results;
  }
  const threads = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(workerScript()));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (thread: Worker) => {
        if (next < jobs.length) {
          const id = next++;
          thread.postMessage({ id, job: jobs[id] });
        }
      };
      for (const thread of threads) {
        thread.on('message', (message: { id: number; outcome?: RunOutcome; error?: string }) => {
          if (message.error !== undefined || message.outcome === undefined) {
            reject(new Error(`run ${message.id} failed: ${message.error ?? 'no result'}`));
            return;
          }
          results[message.id] = message.outcome;
          done++; // not inside onDone?.(…): an absent callback would skip evaluating its arguments
          onDone?.(done, jobs.length);
          if (done === jobs.length) resolve();
          else feed(thread);
        });
        thread.on('error', reject);
        feed(thread);
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}
