import { parentPort } from 'node:worker_threads';
import { executeRun } from './execute-run.js';
import type { JobMessage, WorkerMessage } from './run-job.js';

// A worker runs one job at a time and answers every job with exactly one message.
const port = parentPort;
if (port) {
  port.on('message', async (message: JobMessage) => {
    const started = performance.now();
    let reply: WorkerMessage;
    try {
      reply = { type: 'outcome', outcome: await executeRun(message.job) };
    } catch (error) {
      reply = {
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        wallSeconds: (performance.now() - started) / 1000,
      };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
