import { expect } from 'vitest';
import { type CaseSkip, describeCases } from '../../../../test/case-suite.js';
import { annotations, craftVideo, timeline } from '../__fixtures__/craft-video.js';
import { analyseSegments } from '../analyse-segments.js';
import { combineVerdict, type JudgeInput, type JudgeV1, type JudgeVerdict } from './judge.js';

/** Options of {@link runJudgeCases}. */
export interface JudgeCaseOptions {
  /** Name shown in the test titles. */
  name: string;
  /** Creates a fresh judge for one case; may be async (a test server starts). */
  createJudge: () => JudgeV1 | Promise<JudgeV1>;
  /** A reason skips the whole suite; `[{ reason, tests }]` skips the named cases. */
  skip?: CaseSkip;
}

/** Titles of the cases, for `skip`. */
export const judgeCaseTitles = {
  faithful: 'scores the faithful video above one where nobody appears',
} as const;

/** The crafted four-segment video (Ravi, Nora, both, Ravi), analysed as the evaluation does. */
function craftedInput(scene?: Parameters<typeof craftVideo>[0]): JudgeInput {
  const frames = craftVideo(scene);
  return { frames, segments: analyseSegments(frames, timeline, annotations), annotations, continuity: 90 };
}

/** The input as JSON with every byte array summed (a deep comparison of the frames takes seconds). */
function fingerprint(input: JudgeInput): string {
  return JSON.stringify(input, (_key, value: unknown) =>
    ArrayBuffer.isView(value)
      ? `bytes ${value.byteLength}: ${new Uint8Array(value.buffer, value.byteOffset, value.byteLength).reduce((sum, byte, index) => (sum + byte * (index + 1)) % 1_000_000_007, 0)}`
      : value,
  );
}

/** Checks what every verdict must hold: scores in range, combined the NarraStream way (0.8 / 0.2). */
function expectWellFormed(verdict: JudgeVerdict, input: JudgeInput): void {
  expect(verdict.segments.length).toBeLessThanOrEqual(input.segments.length);
  for (const value of [...verdict.segments, verdict.overall]) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  }
  expect(verdict.score).toBeCloseTo(combineVerdict(verdict.segments, verdict.overall).score, 6);
}

/**
 * The shared behaviour every `JudgeV1` must show (hono's common case suite style): a verdict 0..100 combined
 * 0.8 per segment + 0.2 overall from 0..1 parts, the same verdict for the same video, the input left alone.
 *
 * @example
 * runJudgeCases({ name: 'pixel', createJudge: () => createPixelJudge() });
 */
export function runJudgeCases(options: JudgeCaseOptions): void {
  describeCases(`judge cases: ${options.name}`, options.skip, (it) => {
    let faithful: JudgeInput | undefined;
    const input = () => {
      faithful ??= craftedInput();
      return faithful;
    };
    const score = async (judged: JudgeInput) => {
      const judge = await options.createJudge();
      const verdict = await judge.score(judged);
      expectWellFormed(verdict, judged);
      return verdict;
    };

    it('is a v1 port with a provider, a model id and a description', async () => {
      const judge = await options.createJudge();
      expect(judge.specificationVersion).toBe('v1');
      expect(judge.provider).toMatch(/\S/);
      expect(judge.modelId).toMatch(/\S/);
      expect(judge.description).toMatch(/\S/);
    });

    it('scores a video 0..100, combining 0..1 parts 0.8 per segment + 0.2 overall', async () => {
      const verdict = await score(input());
      expect(verdict.segments.length).toBeGreaterThan(0);
    });

    it('gives the same verdict twice for the same video', async () => {
      expect(await score(input())).toEqual(await score(input()));
    });

    it(judgeCaseTitles.faithful, async () => {
      const empty = craftedInput(() => ({ figures: [] }));
      expect((await score(input())).score).toBeGreaterThan((await score(empty)).score);
    });

    it('leaves its input unchanged', async () => {
      const judged = craftedInput();
      const before = fingerprint(judged);
      await score(judged);
      expect(fingerprint(judged)).toBe(before);
    });
  });
}
