import { parentPort, workerData } from 'node:worker_threads';
import { createVerifierFromSpec } from '../verifier-spec.js';
import { prepareVerifyInput } from '../verify-job.js';
import { failedVerification } from '../verify-queue.js';
import type { VerifyThreadData, VerifyThreadReply, VerifyThreadRequest } from './verify-thread-message.js';

// The verification thread: one verifier (stateful: the pixel verifier keeps recent frames), jobs in arrival order.
const port = parentPort;
if (port) {
  const verifier = createVerifierFromSpec((workerData as VerifyThreadData).spec);
  let tail: Promise<void> = Promise.resolve();
  port.on('message', (request: VerifyThreadRequest) => {
    tail = tail.then(async () => {
      if ('restore' in request) {
        verifier.restore?.(request.restore);
        return;
      }
      const started = performance.now();
      const result = await verifier.verify(prepareVerifyInput(request.job)).catch(failedVerification);
      const reply: VerifyThreadReply = {
        chunk: request.chunk,
        result,
        verifyMs: performance.now() - started,
        ...(verifier.snapshot ? { state: verifier.snapshot() } : {}),
      };
      port.postMessage(reply);
    });
  });
}
