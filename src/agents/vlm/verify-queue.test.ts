import { describe, expect, it } from 'vitest';
import type { FrameVerifierV1, VerifyInput } from './frame-verifier.js';
import { createVerifyQueue } from './verify-queue.js';

function input(score: number): VerifyInput {
  return {
    frames: [{ width: 1, height: 1, data: new Uint8Array([score, 0, 0]) }],
    entities: [],
    firstChunkOfSegment: false,
  };
}

describe('createVerifyQueue', () => {
  it('runs one at a time in order, holds back beyond capacity and reports failures as warnings', async () => {
    const order: string[] = [];
    const releases: Array<() => void> = [];
    const verifier: FrameVerifierV1 = {
      specificationVersion: 'v1',
      provider: 'stub',
      modelId: 'stub',
      async verify(request) {
        const value = request.frames[0]!.data[0]!;
        order.push(`start ${value}`);
        await new Promise<void>((resolve) => releases.push(resolve));
        order.push(`end ${value}`);
        if (value === 9) throw new Error('boom');
        return { scores: [value / 10] };
      },
    };
    let clock = 0;
    const queue = createVerifyQueue({ verifier, capacity: 1, now: () => clock });
    await queue.enqueue(0, input(5));
    const second = queue.enqueue(1, input(9));
    await Promise.resolve();
    expect(queue.pending).toBe(1);
    expect(queue.peek(0)).toBeUndefined();
    clock = 40;
    const waiting = queue.result(0);
    while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    clock = 100;
    releases.shift()!();
    expect(await waiting).toEqual({ result: { scores: [0.5] }, waitMs: 60, provider: 'stub', verifyMs: 100 });
    expect(await second).toBe(100);
    while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    releases.shift()!();
    await queue.drain();
    expect(queue.peek(1)?.result).toEqual({
      scores: [],
      warnings: [{ type: 'other', message: 'verification failed: Error: boom' }],
    });
    expect(order).toEqual(['start 5', 'end 5', 'start 9', 'end 9']);
    expect(await queue.result(7)).toBeUndefined();
  });
});
