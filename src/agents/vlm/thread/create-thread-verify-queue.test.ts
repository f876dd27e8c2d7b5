import { describe, expect, it } from 'vitest';
import type { VideoFrame } from '../../../frame/video-frame.js';
import { hairRgb, paintBackground, paintFigures, rgb } from '../../../vision/__fixtures__/paint-scene.js';
import { createPixelVerifier } from '../pixel/create-pixel-verifier.js';
import type { VerifyJob } from '../verify-job.js';
import { createVerifyQueue, type VerifyQueue } from '../verify-queue.js';
import { createThreadVerifyQueue } from './create-thread-verify-queue.js';

const background = paintBackground(192, 108, [150, 190, 220], [110, 140, 90]);

/** A chunk of 12 frames with Nora walking right; every job asks for frames 0, 4, 8 squeezed to 128 x 128. */
function job(chunk: number): VerifyJob {
  const frames: VideoFrame[] = Array.from({ length: 12 }, (_, index) =>
    paintFigures(background, [
      {
        x: 40 + chunk * 6 + index,
        y: 20,
        height: 70,
        hair: hairRgb('red'),
        top: rgb('green'),
        bottom: rgb('brown'),
      },
    ]),
  );
  return {
    frames,
    entities: [{ id: 1, name: 'Nora', attrs: ['red hair', 'green coat', 'brown trousers'] }],
    firstChunkOfSegment: chunk === 0,
    sample: { indices: [0, 4, 8], size: 128, fit: 'squash' },
  };
}

async function results(queue: VerifyQueue, chunks: number) {
  for (let chunk = 0; chunk < chunks; chunk += 1) await queue.enqueue(chunk, job(chunk));
  const answers = [];
  for (let chunk = 0; chunk < chunks; chunk += 1) answers.push(await queue.result(chunk));
  await queue.close();
  return answers;
}

describe('createThreadVerifyQueue', () => {
  it('answers as the same verifier on this thread does, in order, with the time the thread spent', async () => {
    const inline = await results(createVerifyQueue({ verifier: createPixelVerifier(), capacity: 2 }), 5);
    const threaded = await results(createThreadVerifyQueue({ spec: { provider: 'pixel' }, capacity: 2 }), 5);
    expect(threaded.map((answer) => answer?.result)).toEqual(inline.map((answer) => answer?.result));
    expect(threaded.every((answer) => answer?.provider === 'pixel')).toBe(true);
    expect(threaded.every((answer) => (answer?.verifyMs ?? 0) > 0)).toBe(true);
    // The scene shows Nora as described: the verifier sees her in every sampled frame.
    expect(threaded[1]?.result.seen).toEqual([[1], [1], [1]]);
  }, 60_000);

  it("keeps the caller's frames intact and reports a closed queue as a failed verification", async () => {
    const queue = createThreadVerifyQueue({ spec: { provider: 'pixel' } });
    const first = job(0);
    const before = first.frames[0]!.data.slice();
    await queue.enqueue(0, first);
    expect(first.frames[0]!.data).toEqual(before);
    await queue.drain();
    expect(queue.peek(0)?.result.scores).toHaveLength(3);
    await queue.close();
    await queue.enqueue(1, job(1));
    expect((await queue.result(1))?.result).toMatchObject({
      scores: [],
      warnings: [{ type: 'other', message: expect.stringContaining('closed') }],
    });
  }, 60_000);

  it('answers verifierState only when asked: the state after exactly the chunks settled by then', async () => {
    const settled: number[] = [];
    const queue = createThreadVerifyQueue({
      spec: { provider: 'pixel' },
      onSettled: (chunk) => settled.push(chunk),
    });
    expect(await queue.verifierState()).toBeUndefined(); // no thread yet: the state is the initial one
    for (let chunk = 0; chunk < 4; chunk += 1) await queue.enqueue(chunk, job(chunk));
    const { state } = (await queue.verifierState())!;
    // the same verifier on this thread after the chunks that were settled when the answer came
    const inline = createPixelVerifier();
    const inlineQueue = createVerifyQueue({ verifier: inline });
    for (const chunk of [...settled]) await inlineQueue.enqueue(chunk, job(chunk));
    await inlineQueue.drain();
    expect(state).toEqual(inline.snapshot!());
    // a restored thread continues from that state as the inline verifier does
    await queue.drain();
    const resumed = createThreadVerifyQueue({ spec: { provider: 'pixel' } });
    resumed.restoreVerifier(state);
    const rest = [0, 1, 2, 3].filter((chunk) => !settled.includes(chunk));
    for (const chunk of [...rest, 4]) {
      await resumed.enqueue(chunk, job(chunk));
      await inlineQueue.enqueue(chunk, job(chunk));
    }
    await inlineQueue.drain();
    expect((await resumed.verifierState())!.state).toEqual(inline.snapshot!());
    expect((await resumed.result(4))?.result).toEqual((await inlineQueue.result(4))?.result);
    await Promise.all([queue.close(), resumed.close(), inlineQueue.close()]);
    expect(await queue.verifierState()).toEqual({ state: undefined });
  }, 60_000);
});
