/** Settings of an OpenAI-compatible vision judge. */
export interface JudgeSettings {
  /** API base URL, e.g. `https://api.openai.com/v1` or a local server; `/chat/completions` is appended. */
  baseURL: string;
  /** Vision model name. */
  model: string;
  /** Bearer token; omitted for local servers that need none. */
  apiKey?: string;
  /** Per-request timeout in milliseconds. Default 60000. */
  timeoutMs?: number;
  /** Injectable fetch (tests). Default: the global fetch. */
  fetch?: typeof fetch;
}

/** A judge's verdict on a video. */
export interface JudgeVerdict {
  /** 0.8 x mean per-segment score + 0.2 x overall score, 0..100. */
  score: number;
  /** Per segment, 0..1. */
  segments: number[];
  /** The whole-video score, 0..1. */
  overall: number;
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
