import type { VideoFrame } from '../../../frame/video-frame.js';
import type { ProviderWarning } from '../../../provider/provider-warning.js';
import type { ScriptAnnotations } from '../../../script/script.js';
import type { SegmentAnalysis } from '../analyse-segments.js';

/**
 * The evaluation judge port: scores how well a video follows its script's instructions (NarraStream-Bench's VLM
 * score: 0.8 x the mean per-segment score + 0.2 x an overall score). Implementations: `pixel` (embedded,
 * model-free proxy) and `openai` (any OpenAI-compatible vision endpoint). Never reads agent or memory state.
 */
export interface JudgeV1 {
  /** Version of this port; bumped on incompatible change. */
  readonly specificationVersion: 'v1';
  /** Provider name, e.g. `pixel`, `openai`; the evaluation report's `judge`. */
  readonly provider: string;
  /** Model identifier as the provider names it (`pixel-v1`, `qwen2.5-vl-7b-instruct`). */
  readonly modelId: string;
  /** One line saying how it scores, shown as the `judgeScore` proxy in the evaluation report. */
  readonly description: string;
  /** Scores one video. Throws when it cannot (a request failed, a reply held no score); never mutates the input. */
  score(input: JudgeInput): Promise<JudgeVerdict>;
}

/** What a judge looks at. */
export interface JudgeInput {
  /** Every decoded frame of the video, in order (RGB). */
  frames: readonly VideoFrame[];
  /**
   * The video cut into segments, one per prompt, each with its 5 sampled frames (at 0.1/0.3/0.5/0.7/0.9 of the
   * segment: `samples[].index` into `frames`), the figures detected there and who is annotated on screen.
   */
  segments: readonly SegmentAnalysis[];
  /** Ground truth of who is on screen and how they look (changes applied per segment). */
  annotations: ScriptAnnotations;
  /**
   * Cross-segment consistency of the characters, 0..100 (mean of the evaluation's adjacent and long-range
   * consistency), when measured; the pixel judge's overall score.
   */
  continuity?: number;
}

/** A judge's verdict on a video. */
export interface JudgeVerdict {
  /** 0.8 x mean per-segment score + 0.2 x overall score, 0..100. */
  score: number;
  /** Per judged segment, 0..1 (a judge may leave out segments without annotations). */
  segments: number[];
  /** The whole-video score, 0..1. */
  overall: number;
  /** Non-fatal notes: a fallback to another judge. */
  warnings?: ProviderWarning[];
}

/** The rubric both judges follow (the OpenAI judge receives it as text). */
export const judgeRubric = {
  presence: 'every character the prompt names is on screen, and no one else',
  attributes:
    'each character shows the hair, clothing and accessories the prompt and the story so far give them',
  action: 'the characters do what the prompt says',
  continuity: 'characters who appeared before look the same unless the prompt changes their look',
} as const;

/** Combines per-segment scores and an overall score the NarraStream way (0.8 / 0.2), as 0..100. */
export function combineVerdict(segments: readonly number[], overall: number): JudgeVerdict {
  const perSegment =
    segments.length === 0 ? overall : segments.reduce((sum, value) => sum + value, 0) / segments.length;
  return { score: 100 * (0.8 * perSegment + 0.2 * overall), segments: [...segments], overall };
}
