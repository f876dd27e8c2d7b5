import { expect } from 'vitest';
import { type CaseSkip, describeCases } from '../../../test/case-suite.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { hairRgb, paintBackground, paintFigures, rgb } from '../../vision/__fixtures__/paint-scene.js';
import type { FrameVerifierV1, VerifyInput, VerifyResult } from './frame-verifier.js';

/** Options of {@link runVerifierCases}. */
export interface VerifierCaseOptions {
  /** Name shown in the test titles. */
  name: string;
  /** Creates a fresh verifier for one case; may be async (a test server starts). */
  createVerifier: () => FrameVerifierV1 | Promise<FrameVerifierV1>;
  /** A reason skips the whole suite; `[{ reason, tests }]` skips the named cases. */
  skip?: CaseSkip;
}

/** Three sampled frames of a woman with red hair and a green sweater walking right. */
function walkingWoman(): VideoFrame[] {
  const background = paintBackground(128, 96, [150, 190, 220], [110, 140, 90]);
  return [0, 1, 2].map((step) =>
    paintFigures(background, [
      { x: 30 + step * 20, y: 20, height: 64, hair: hairRgb('red'), top: rgb('green'), bottom: rgb('brown') },
    ]),
  );
}

const nora = { id: 7, name: 'Nora', attrs: ['red hair', 'green sweater'] };
const ravi = { id: 9, name: 'Ravi', attrs: ['black hair', 'yellow raincoat'] };

/** Checks what every result must hold: one score 0..1 per frame, only known IDs, corrections only when asked. */
function expectWellFormed(result: VerifyResult, input: VerifyInput): void {
  expect(result.scores).toHaveLength(input.frames.length);
  for (const score of result.scores) {
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
  const known = input.entities.map((entity) => entity.id);
  if (result.seen !== undefined) {
    expect(result.seen).toHaveLength(input.frames.length);
    for (const ids of result.seen) for (const id of ids) expect(known).toContain(id);
  }
  if (!input.firstChunkOfSegment) expect(result.corrections ?? []).toEqual([]);
  for (const correction of result.corrections ?? []) {
    expect(known).toContain(correction.id);
    expect(correction.attrs.length).toBeGreaterThan(0);
    for (const attribute of correction.attrs) expect(attribute).toBe(attribute.toLowerCase().trim());
  }
}

/**
 * The shared behaviour every `FrameVerifierV1` must show (hono's common case suite style): one score 0..1 per
 * frame, IDs only of the expected entities, corrections only on a segment's first chunk, the input left alone.
 *
 * @example
 * runVerifierCases({ name: 'pixel', createVerifier: () => createPixelVerifier() });
 */
export function runVerifierCases(options: VerifierCaseOptions): void {
  describeCases(`verifier cases: ${options.name}`, options.skip, (it) => {
    const verify = async (input: VerifyInput) => {
      const verifier = await options.createVerifier();
      const result = await verifier.verify(input);
      expectWellFormed(result, input);
      return result;
    };

    it('is a v1 port with a provider and a model id', async () => {
      const verifier = await options.createVerifier();
      expect(verifier.specificationVersion).toBe('v1');
      expect(verifier.provider).toMatch(/\S/);
      expect(verifier.modelId).toMatch(/\S/);
    });

    it('scores every frame 0..1 for the expected characters', async () => {
      await verify({ frames: walkingWoman(), entities: [nora], firstChunkOfSegment: false });
    });

    it('scores every frame when nobody is expected, and sees nobody', async () => {
      const result = await verify({ frames: walkingWoman(), entities: [], firstChunkOfSegment: false });
      for (const ids of result.seen ?? []) expect(ids).toEqual([]);
    });

    it('corrects only expected characters, on a segment first chunk', async () => {
      await verify({ frames: walkingWoman(), entities: [nora, ravi], firstChunkOfSegment: true });
    });

    it('gives no corrections after a segment first chunk', async () => {
      await verify({ frames: walkingWoman(), entities: [nora, ravi], firstChunkOfSegment: false });
    });

    it('leaves its input unchanged', async () => {
      const input: VerifyInput = { frames: walkingWoman(), entities: [nora], firstChunkOfSegment: true };
      const before = structuredClone(input);
      await verify(input);
      expect(input).toEqual(before);
    });
  });
}
