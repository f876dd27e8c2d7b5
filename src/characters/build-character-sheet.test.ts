import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryStateFromJSON, type VerificationRecord } from '../memory/iamflow/memory-state.js';
import { createFakeEngine } from '../pipeline/__fixtures__/fake-engine.js';
import type { RunJson } from '../pipeline/run-json.js';
import { createRunDirSink } from '../run/create-run-dir-sink.js';
import { runScript } from '../run/run-script.js';
import { buildCharacterSheet } from './build-character-sheet.js';

const segments = [
  { prompt: 'Nora, a young woman in a red coat, walks along a street.', seconds: 3 },
  { prompt: 'Nora waits at a bus stop.', seconds: 3 },
  { prompt: 'Nora boards the bus.', seconds: 3 },
];

/** run.json of a fake-engine run whose verification log is replaced by `records`. */
function withVerification(runJson: RunJson, records: VerificationRecord[]): RunJson {
  const snapshot = runJson.policy.snapshot as { state: unknown };
  const parsed = memoryStateFromJSON(snapshot.state);
  if (!parsed.success) throw new Error('no memory state');
  const state = { ...parsed.data, verification: records };
  return { ...runJson, policy: { ...runJson.policy, snapshot: { ...snapshot, state } } };
}

const box = (left: number): [number, number, number, number] => [left, 0.2, 0.1, 0.5];
const record = (
  chunk: number,
  segment: number,
  scores: number[],
  located: boolean[],
): VerificationRecord => ({
  chunk,
  segment,
  scores,
  seen: located.map(() => [1]),
  boxes: located.map((has, index) => (has ? [{ id: 1, box: box(index / 10) }] : [])),
  provider: 'pixel',
  waitMs: 0,
  warnings: [],
});

describe('buildCharacterSheet', () => {
  let runJson: RunJson;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-sheet-'));
    const encoder = { write: () => {}, close: async () => {}, abort: async () => {} };
    const sink = createRunDirSink({ dir, createEncoder: () => encoder, characters: false });
    const result = await runScript({ segments, engine: () => createFakeEngine() }, sink);
    runJson = result.runJson!;
  });

  it('reads the registry: IDs, segments, attributes as registered', () => {
    const sheet = buildCharacterSheet(withVerification(runJson, []));
    expect(sheet).toMatchObject({ version: 1, policy: 'iamflow', registry: true });
    expect(sheet.characters).toEqual([
      expect.objectContaining({
        id: 1,
        properName: 'Nora',
        segments: [0, 1, 2],
        registered: ['young', 'red coat'],
        verified: ['young', 'red coat'],
        corrections: [],
        sightings: { checked: 0, seen: 0 },
        crops: [],
      }),
    ]);
  });

  it('picks the best crops, one per segment first, boxed before unboxed, listed in time order', () => {
    const { chunkFrames, videoFramesPerLatent } = runJson.timeline;
    const frame = (chunk: number, sample: number) =>
      chunk * chunkFrames * videoFramesPerLatent + [0, 4, 8][sample]!;
    const records = [
      record(0, 0, [0.9, 0.95, 0.5], [true, true, true]),
      record(1, 0, [0.99, 0.2, 0.2], [false, true, true]),
      record(5, 1, [0.6, 0.7, 0.1], [true, true, true]),
      record(9, 2, [0.3, 0.2, 0.1], [true, false, false]),
    ];
    const sheet = buildCharacterSheet(withVerification(runJson, records), { maxCrops: 4 });
    const crops = sheet.characters[0]!.crops;
    // Best of each segment (0.95, 0.7, 0.3), then the best left (0.9); the unboxed 0.99 comes last of all.
    expect(crops.map((crop) => [crop.videoFrame, crop.score])).toEqual([
      [frame(0, 0), 0.9],
      [frame(0, 1), 0.95],
      [frame(5, 1), 0.7],
      [frame(9, 0), 0.3],
    ]);
    expect(crops[1]!.box).toEqual(box(0.1));
    expect(sheet.characters[0]!.sightings).toEqual({ checked: 12, seen: 12 });
    const two = buildCharacterSheet(withVerification(runJson, records), { maxCrops: 2 }).characters[0]!.crops;
    expect(two.map((crop) => crop.score)).toEqual([0.95, 0.7]);
  });

  it('gives an empty sheet for a policy without a registry', () => {
    const longlive = { ...runJson, policy: { ...runJson.policy, name: 'longlive', snapshot: undefined } };
    expect(buildCharacterSheet(longlive)).toEqual({
      version: 1,
      policy: 'longlive',
      registry: false,
      characters: [],
    });
  });
});
