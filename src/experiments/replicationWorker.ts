import { parentPort } from 'node:worker_threads';
import { runJob, type RunJob } from './runJob.js';

/** Worker-thread entry: runs each job it is sent and posts back its outcome (or the error's text). */
const port = parentPort;
if (port === null) throw new Error('replicationWorker must run in a worker thread');
port.on('message', (message: { id: number; job: RunJob }) => {
  try {
    port.postMessage({ id: message.id, outcome: runJob(message.job) });
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
