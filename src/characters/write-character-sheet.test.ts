import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunJson } from '../pipeline/run-json.js';
import { createRunDirSink } from '../run/create-run-dir-sink.js';
import { runScript } from '../run/run-script.js';
import type { FrameEncoder } from '../run/run-sink.js';
import { buildCharacterSheet } from './build-character-sheet.js';
import { characterSheetSchema } from './character-sheet.js';
import { formatCharacterSheet } from './format-character-sheet.js';
import { cropFrame } from './render-character-card.js';

const segments = [
  {
    prompt: 'Nora, a young woman in a yellow raincoat with long red hair, walks along a street.',
    seconds: 2,
  },
  { prompt: 'Ravi, a tall man in a blue coat, waits at a bus stop.', seconds: 2 },
  { prompt: 'Nora comes back and stands beside Ravi.', seconds: 2 },
];
const fakeEncoder = (): FrameEncoder => ({ write: () => {}, close: async () => {}, abort: async () => {} });

async function run(policy: string, characters?: boolean): Promise<{ dir: string; runJson: RunJson }> {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-characters-'));
  const sink = createRunDirSink({
    dir,
    createEncoder: fakeEncoder,
    ...(characters === undefined ? {} : { characters }),
  });
  const { runJson } = await runScript(
    { segments, policy: { name: policy }, size: { width: 320, height: 180 }, steps: 2 },
    sink,
  );
  return { dir, runJson: runJson! };
}

describe('character sheets of a run', () => {
  it('writes characters.json and one PNG per global ID for the iamflow policy', async () => {
    const { dir, runJson } = await run('iamflow');
    const sheet = characterSheetSchema.parse(JSON.parse(readFileSync(join(dir, 'characters.json'), 'utf8')));
    expect(sheet).toMatchObject({ version: 1, policy: 'iamflow', registry: true });
    const nora = sheet.characters.find((character) => character.properName === 'Nora')!;
    const ravi = sheet.characters.find((character) => character.properName === 'Ravi')!;
    expect(nora.segments).toEqual([0, 2]);
    expect(ravi.segments).toEqual([1, 2]);
    expect(nora.registered).toEqual(expect.arrayContaining(['yellow raincoat', 'long red hair']));
    expect(nora.verified.length).toBeGreaterThan(0);
    for (const character of sheet.characters) {
      expect(character.image).toBe(`characters/${character.id}.png`);
      const png = readFileSync(join(dir, character.image!));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(character.crops.length).toBeLessThanOrEqual(4);
      expect(character.sightings.seen).toBeLessThanOrEqual(character.sightings.checked);
      for (const crop of character.crops) {
        expect(character.segments).toContain(crop.segment);
        expect(crop.box).not.toBeNull();
        for (const value of crop.box!) expect(value).toBeGreaterThanOrEqual(0);
        expect(crop.box![0] + crop.box![2]).toBeLessThanOrEqual(1.0001);
      }
    }
    expect(nora.crops.length).toBeGreaterThan(0);
    // The sheet is a function of run.json alone (its frames aside).
    const rebuilt = buildCharacterSheet(runJson);
    expect(rebuilt.characters.map((character) => character.crops)).toEqual(
      sheet.characters.map((character) => character.crops),
    );
    expect(existsSync(join(dir, 'characters.json.part'))).toBe(false);
  }, 60_000);

  it('writes an empty sheet for a policy without a registry, and nothing when turned off', async () => {
    const longlive = await run('longlive');
    const sheet = characterSheetSchema.parse(
      JSON.parse(readFileSync(join(longlive.dir, 'characters.json'), 'utf8')),
    );
    expect(sheet).toEqual({ version: 1, policy: 'longlive', registry: false, characters: [] });
    expect(existsSync(join(longlive.dir, 'characters'))).toBe(false);
    expect(formatCharacterSheet(sheet)).toBe('the longlive policy keeps no identity registry: no characters');
    const off = await run('self-forcing', false);
    expect(existsSync(join(off.dir, 'characters.json'))).toBe(false);
  }, 60_000);
});

describe('cropFrame', () => {
  const frame = { width: 10, height: 10, data: Uint8Array.from({ length: 300 }, (_, index) => index % 256) };

  it.each([
    ['no box: the whole frame', null, [10, 10]],
    ['a box, padded', [0.4, 0.2, 0.2, 0.5] as [number, number, number, number], [4, 7]],
    ['a box at the edge, clamped', [0.9, 0.9, 0.3, 0.3] as [number, number, number, number], [2, 2]],
  ])('%s', (_, box, [width, height]) => {
    const crop = cropFrame(frame, { box });
    expect([crop.width, crop.height]).toEqual([width, height]);
    expect(crop.data.length).toBe(width! * height! * 3);
  });
});
