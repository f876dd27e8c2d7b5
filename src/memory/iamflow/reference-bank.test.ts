import { describe, expect, it } from 'vitest';
import type { EncodeImageOptions } from '../../engine/engine.js';
import { createMiniEngine } from '../../engine/mini/mini-engine.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { buildTimeline } from '../../script/timeline.js';
import { createPolicyEngine, type MemoryEvent, type PolicyReferences } from '../policy.js';
import { createIamflowPolicy } from './iamflow-policy.js';
import { matchReference } from './reference-bank.js';

const image: VideoFrame = { width: 2, height: 1, data: new Uint8Array(6) };
const nora = { key: 'nora', name: 'Nora', image };
const man = { key: 'm', name: 'Tomas', description: 'the short man in a gray scarf', image };
const entity = (fields: Partial<Parameters<typeof matchReference>[0]>) => ({
  name: 'a woman',
  kind: 'woman' as const,
  mentions: [],
  attrs: [],
  ...fields,
});

describe('matchReference', () => {
  it('matches by proper name or by a mention, case and punctuation aside', () => {
    expect(matchReference(entity({ properName: 'Nora' }), [man, nora])).toEqual({
      reference: nora,
      by: 'name',
    });
    expect(matchReference(entity({ mentions: ['nora,'] }), [nora])?.by).toBe('name');
  });
  it('matches by description: the kind word and an attribute phrase', () => {
    const short = entity({ kind: 'man', attrs: ['gray scarf'] });
    expect(matchReference(short, [nora, man])).toEqual({ reference: man, by: 'description' });
    expect(matchReference({ ...short, kind: 'woman' }, [man])).toBeUndefined();
    expect(matchReference({ ...short, attrs: ['red hat'] }, [man])).toBeUndefined();
  });
});

/** Runs the iamflow policy's segment starts over a recording view of a mini engine. */
async function segmentStarts(references: PolicyReferences | undefined, encodes = true) {
  const engine = createMiniEngine({ seed: 1, width: 96, height: 54 });
  const calls: { encode: EncodeImageOptions[]; banks: string[][] } = { encode: [], banks: [] };
  const { encodeImage: _encodeImage, ...blind } = engine;
  const recording = {
    ...blind,
    setBank: async (ids: readonly string[]) => {
      calls.banks.push([...ids]);
      await engine.setBank(ids);
    },
    ...(encodes
      ? {
          encodeImage: async (options: EncodeImageOptions) => {
            calls.encode.push(options);
            await engine.encodeImage(options);
          },
        }
      : {}),
  };
  const prompts = [
    'Nora, a woman with red hair, walks in the park.',
    'A man reads.',
    'Nora sits on a bench.',
  ];
  const timeline = buildTimeline({ prompts, seconds: [1, 1, 1], fps: 16 });
  const events: MemoryEvent[] = [];
  const view = createPolicyEngine(recording);
  const policy = createIamflowPolicy({
    engine: view,
    timeline,
    events: (event) => events.push(event),
    seed: 1,
    ...(references ? { references } : {}),
  });
  for (const segment of timeline.segments) {
    await policy.onSegmentStart!({ segment, prompt: await engine.encodePrompt(segment.prompt) });
  }
  await engine.release();
  return { calls, events, view };
}

describe('iamflow policy with references', () => {
  it('encodes a reference when the agent resolves a mention to it, and banks it first in that segment', async () => {
    const frame = await (async () => {
      const engine = createMiniEngine({ seed: 2, width: 96, height: 54 });
      const prompt = await engine.encodePrompt('Nora, a woman with red hair, walks in the park.');
      await engine.generateChunk({ prompt });
      return (await engine.decodeChunk(0))[0]!;
    })();
    const { calls, events } = await segmentStarts({
      characters: [{ ...nora, image: frame }],
      startImage: frame,
    });
    expect(calls.encode.map((call) => [call.id, call.position])).toEqual([
      ['iamflow-ref:start', 0],
      ['iamflow-ref:nora', 0],
      ['iamflow-ref:nora', 6],
    ]);
    expect(calls.encode[1]!.text).toBe('Nora, with red hair');
    // Segment 1 (the man) has no reference: the switch clears the bank; segment 2 banks Nora's again.
    expect(calls.banks).toEqual([['iamflow-ref:start', 'iamflow-ref:nora'], [], ['iamflow-ref:nora']]);
    const encoded = events.filter((event) => event.type === 'reference-encode');
    expect(encoded.map((event) => event.reference)).toEqual(['start', 'nora', 'nora']);
  });

  it('does nothing without references or without an engine that encodes images', async () => {
    const none = await segmentStarts(undefined);
    expect(none.calls.encode).toEqual([]);
    const blind = await segmentStarts({ characters: [nora] }, false);
    expect(blind.calls.encode).toEqual([]);
    expect(blind.events.some((event) => event.type === 'reference-encode')).toBe(false);
  });

  it('the policy view carries encodeImage but still no render record', async () => {
    const { view } = await segmentStarts(undefined);
    expect('encodeImage' in view).toBe(true);
    expect('encodeImage' in (await segmentStarts(undefined, false)).view).toBe(false);
    expect('renderRecord' in view).toBe(false);
  });
});
