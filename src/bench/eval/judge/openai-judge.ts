import { z } from 'zod';
import { JudgeError } from '../../../errors/judge-error.js';
import { encodePng } from '../../../frame/encode-png.js';
import type { VideoFrame } from '../../../frame/video-frame.js';
import {
  chatCompletionsUrl,
  type OpenAICompatibleSettings,
} from '../../../http/openai-compatible-settings.js';
import { postJson } from '../../../http/post-json.js';
import { retryOnRetryable } from '../../../http/retry.js';
import { attributesAt } from '../measure/expected-attributes.js';
import { combineVerdict, type JudgeInput, type JudgeV1, type JudgeVerdict, judgeRubric } from './judge.js';

/** Settings of the OpenAI-compatible vision judge (model: e.g. `qwen2.5-vl-7b-instruct`); timeout default 60 s. */
export type OpenAIJudgeSettings = OpenAICompatibleSettings;

/** What the judge is shown of one segment. */
interface JudgeSegment {
  /** The segment's prompt. */
  prompt: string;
  /** The sampled frames (5 per segment). */
  frames: readonly VideoFrame[];
  /** Expected characters and their attributes, when annotated (e.g. `Ravi: gray scarf, round glasses`). */
  expected?: string[];
}

const replySchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z
            .union([z.string(), z.array(z.object({ text: z.string().optional() }).loose())])
            .nullish(),
        }),
      }),
    )
    .min(1),
});

const verdictSchema = z
  .object({
    presence: z.coerce.number().optional(),
    attributes: z.coerce.number().optional(),
    action: z.coerce.number().optional(),
    continuity: z.coerce.number().optional(),
    score: z.coerce.number().optional(),
  })
  .loose();

/** Longest image side sent to the judge, in pixels. */
const maxSide = 512;

/**
 * A judge backed by any OpenAI-compatible vision `/chat/completions` endpoint: it scores each segment (its prompt,
 * story so far, expected characters and 5 frames) and the whole video (one frame per segment). Failures (after
 * retries on retryable errors) and replies without a score throw a `JudgeError` or `ApiCallError`: wrap it with
 * `withJudgeFallback` to answer with the pixel judge instead, as `evaluateVideo` does.
 *
 * @example
 * const judge = createOpenAIJudge({ baseURL: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-vl-7b-instruct' });
 */
export function createOpenAIJudge(settings: OpenAIJudgeSettings): JudgeV1 {
  return {
    specificationVersion: 'v1',
    provider: 'openai',
    modelId: settings.model,
    description: `OpenAI-compatible vision judge (${settings.model})`,
    score: (input) => askJudge(settings, judgeSegments(input)),
  };
}

/** What the judge is shown of each segment: its prompt, sampled frames and annotated characters. */
function judgeSegments({ segments, frames, annotations }: JudgeInput): JudgeSegment[] {
  return segments.map(({ span, samples, present }) => ({
    prompt: span.segment.prompt,
    frames: samples.map((sample) => frames[sample.index]!),
    expected: (present ?? []).map((key) => {
      const annotation = annotations.characters[key]!;
      const look = attributesAt(annotation, span.segment.index).map((item) => item.phrase);
      return `${annotation.aliases[0] ?? key}: ${look.join(', ')}`;
    }),
  }));
}

async function askJudge(
  settings: OpenAIJudgeSettings,
  segments: readonly JudgeSegment[],
): Promise<JudgeVerdict> {
  const perSegment: number[] = [];
  for (const [index, segment] of segments.entries()) {
    const story = segments.slice(0, index).map((item, at) => `${at + 1}. ${item.prompt}`);
    const text = [
      `Prompt ${index + 1} of ${segments.length}: ${segment.prompt}`,
      story.length > 0 ? `Earlier prompts:\n${story.join('\n')}` : '',
      segment.expected && segment.expected.length > 0
        ? `Expected characters:\n${segment.expected.join('\n')}`
        : '',
      `The ${segment.frames.length} images are frames of this prompt's part of the video, in order.`,
    ];
    perSegment.push(await askScore(settings, text.filter(Boolean).join('\n\n'), segment.frames));
  }
  const overallFrames = segments.map((segment) => segment.frames[segment.frames.length >> 1]!).slice(0, 12);
  const overallText = `The whole story:\n${segments.map((item, at) => `${at + 1}. ${item.prompt}`).join('\n')}\n\nThe images are one frame per prompt, in order. Judge the whole video.`;
  const overall = await askScore(settings, overallText, overallFrames);
  return combineVerdict(perSegment, overall);
}

async function askScore(
  settings: OpenAIJudgeSettings,
  text: string,
  frames: readonly VideoFrame[],
): Promise<number> {
  const rubric = Object.entries(judgeRubric)
    .map(([name, meaning]) => `- ${name} (0-10): ${meaning}`)
    .join('\n');
  const body = {
    model: settings.model,
    temperature: 0,
    messages: [
      {
        role: 'system',
        content: `You judge generated story videos. Score each criterion from 0 to 10:\n${rubric}\nReply with JSON only: {"presence": n, "attributes": n, "action": n, "continuity": n}.`,
      },
      {
        role: 'user',
        content: [
          { type: 'text', text },
          ...frames.map((frame) => ({
            type: 'image_url',
            image_url: { url: `data:image/png;base64,${encodePng(shrink(frame)).toString('base64')}` },
          })),
        ],
      },
    ],
  };
  const url = chatCompletionsUrl(settings);
  const { json } = await retryOnRetryable(
    () => postJson(url, body, { ...settings, timeoutMs: settings.timeoutMs ?? 60_000 }),
    settings,
  );
  const reply = replySchema.safeParse(json);
  if (!reply.success) throw judgeError(`${url} sent a reply without choices`);
  const content = reply.data.choices[0]!.message.content;
  const textReply =
    typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');
  const score = parseVerdict(textReply);
  if (score === undefined) throw judgeError(`the judge's reply held no scores: ${textReply.slice(0, 200)}`);
  return score;
}

/**
 * Reads a judge's reply leniently: the first JSON object in the text (code fences allowed), criteria 0..10
 * averaged; a bare `score` is taken on a 0..10 scale (or 0..1 / 0..100 when clearly so). Returns 0..1.
 */
export function parseVerdict(text: string): number | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  const parsed = verdictSchema.safeParse(safeJson(text.slice(start, end + 1)));
  if (!parsed.success) return undefined;
  const { presence, attributes, action, continuity, score } = parsed.data;
  const criteria = [presence, attributes, action, continuity].filter(
    (value): value is number => value !== undefined && Number.isFinite(value),
  );
  if (criteria.length > 0)
    return clamp(criteria.reduce((sum, value) => sum + value, 0) / criteria.length / 10);
  if (score === undefined || !Number.isFinite(score)) return undefined;
  return clamp(score <= 1 ? score : score <= 10 ? score / 10 : score / 100);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function clamp(value: number): number {
  return Math.max(0, Math.min(1, value));
}

function judgeError(message: string, cause?: unknown): JudgeError {
  return new JudgeError({
    message,
    cause,
    issues: [{ code: 'judge-failed', path: ['judge'], message }],
  });
}

function shrink(frame: VideoFrame): VideoFrame {
  const step = Math.ceil(Math.max(frame.width, frame.height) / maxSide);
  if (step <= 1) return frame;
  const width = Math.floor(frame.width / step);
  const height = Math.floor(frame.height / step);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(
        frame.data.subarray(
          (y * step * frame.width + x * step) * 3,
          (y * step * frame.width + x * step) * 3 + 3,
        ),
        (y * width + x) * 3,
      );
    }
  }
  return { width, height, data };
}
