import { parentPort, workerData } from 'node:worker_threads';
import { holdVerifierState } from '../frame-verifier.js';
import { createVerifierFromSpec } from '../verifier-spec.js';
import { prepareVerifyInput } from '../verify-job.js';
import { failedVerification } from '../verify-queue.js';
import type { VerifyThreadData, VerifyThreadReply, VerifyThreadRequest } from './verify-thread-message.js';

// The verification thread: one verifier (stateful: the pixel verifier keeps recent frames), jobs in arrival order.
// After every job it only holds the verifier's state (cheap); it serialises it when a checkpoint asks.
const port = parentPort;
if (port) {
  const verifier = createVerifierFromSpec((workerData as VerifyThreadData).spec);
  let latest = holdVerifierState(verifier);
  let restoresQueued = 0;
  const answer = (id: number) => {
    const reply: VerifyThreadReply = { snapshot: id, state: latest() };
    port.postMessage(reply);
  };
  let tail: Promise<void> = Promise.resolve();
  port.on('message', (request: VerifyThreadRequest) => {
    // Between jobs (this handler never runs inside one's synchronous work): the last finished job's state. Behind a
    // restore not yet applied, it waits for it.
    if ('snapshot' in request && restoresQueued === 0) {
      answer(request.snapshot);
      return;
    }
    if ('restore' in request) restoresQueued += 1;
    tail = tail.then(async () => {
      if ('snapshot' in request) {
        answer(request.snapshot);
        return;
      }
      if ('restore' in request) {
        verifier.restore?.(request.restore);
        latest = holdVerifierState(verifier);
        restoresQueued -= 1;
        return;
      }
      const started = performance.now();
      const result = await verifier.verify(prepareVerifyInput(request.job)).catch(failedVerification);
      latest = holdVerifierState(verifier);
      const reply: VerifyThreadReply = {
        chunk: request.chunk,
        result,
        verifyMs: performance.now() - started,
      };
      port.postMessage(reply);
    });
  });
}
