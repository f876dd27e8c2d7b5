import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RenderRecordEntry } from '../../engine/engine.js';
import { IamflowError, InputError } from '../../errors/index.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { reference } from '../../reference/index.js';
import { characterAnnotationSchema, scriptAnnotationsSchema } from '../../script/annotation-schema.js';
import type { ScriptAnnotations } from '../../script/script.js';
import { buildTimeline, type Timeline } from '../../script/timeline.js';
import { decodeMp4 } from '../../video/decode-mp4.js';
import { probeVideo } from '../../video/probe-video.js';
import { analyseSegments, type SegmentAnalysis } from './analyse-segments.js';
import { evaluateVideo } from './evaluate-video.js';
import type { EvaluationReport } from './evaluation-report.js';
import type { FeatureSetName } from './features/feature-set.js';
import { withFeatureSet } from './features/with-feature-set.js';
import type { JudgeV1 } from './judge/judge.js';
import { evaluateRenderRecord } from './oracle.js';

/** Options of {@link evaluateRunDir} and `evaluateNarraStreamDir`. */
export interface EvaluateDirOptions {
  /** The judge of instruction following (e.g. `createOpenAIJudge(settings)`); the pixel judge otherwise. */
  judge?: JudgeV1;
  /**
   * `embedded` (default): model-free pixel proxies. `human`: identity, subject and background metrics from
   * @vladmandic/human's face and person models (loaded on first use), for videos not made by the embedded engine.
   */
  features?: FeatureSetName;
  /**
   * Decode frames at this width (height keeps the aspect ratio, rounded to even). Default: the video's own width,
   * at most {@link defaultEvaluationWidth} (a smaller video is not scaled up: upscaling adds decode and analysis
   * work and no information).
   */
  width?: number;
  /** ffmpeg binary; resolved from the environment when omitted. */
  ffmpegPath?: string;
  /**
   * Called once with the pixel analysis the metrics were computed from, so a caller can derive more from it (the
   * server's per-segment breakdown) without decoding and analysing the video again.
   */
  onAnalysis?: (analysis: readonly SegmentAnalysis[], context: AnalysisContext) => void;
}

/** What {@link EvaluateDirOptions.onAnalysis} gets beside the analysis. */
export interface AnalysisContext {
  /** The run's timeline (segments with their prompts). */
  timeline: Timeline;
  /** The script's annotations, when it has them. */
  annotations?: ScriptAnnotations;
}

/** Annotations as run.json and prompt.jsonl hold them; other systems may leave out an empty list. */
export const annotationsSchema = scriptAnnotationsSchema.extend({
  characters: z.record(
    z.string(),
    characterAnnotationSchema.extend({
      aliases: characterAnnotationSchema.shape.aliases.default([]),
      attrs: characterAnnotationSchema.shape.attrs.default([]),
    }),
  ),
});

const segmentSchema = z.object({
  index: z.number(),
  prompt: z.string(),
  startFrame: z.number(),
  endFrame: z.number(),
  startChunk: z.number(),
  endChunk: z.number(),
});

/** The fields of run.json the evaluator reads; everything else is ignored. */
export const runJsonSchema = z.object({
  script: z.object({
    prompts: z.array(z.string()).min(1),
    seconds: z.array(z.number()).optional(),
    fps: z.number().optional(),
    annotations: annotationsSchema.optional(),
  }),
  timeline: z
    .object({
      fps: z.number(),
      videoFramesPerLatent: z.number(),
      chunkFrames: z.number(),
      totalLatentFrames: z.number(),
      totalChunks: z.number(),
      totalVideoFrames: z.number(),
      segments: z.array(segmentSchema).min(1),
    })
    .optional(),
});

const renderEntrySchema = z.object({
  frame: z.number(),
  latentFrame: z.number(),
  prompt: z.string().default(''),
  scene: z
    .object({ setting: z.string().nullable(), appearance: z.array(z.number()) })
    .default({ setting: null, appearance: [] }),
  figures: z.array(
    z.object({
      slot: z.number(),
      appearance: z.array(z.number()),
      box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      mention: z.string().nullable(),
    }),
  ),
});

/**
 * Evaluates a run directory written by `iamflow generate`: run.json (script, annotations, timeline), video.mp4,
 * and render.jsonl when present (read only by the oracle).
 *
 * @example
 * const report = await evaluateRunDir('out/nora');
 */
export async function evaluateRunDir(
  dir: string,
  options: EvaluateDirOptions = {},
): Promise<EvaluationReport> {
  const runJsonPath = join(dir, 'run.json');
  const text = await readInputFile(runJsonPath, {
    code: 'run-json-missing',
    hint: 'give a folder written by `iamflow generate`, or a NarraStream folder with prompt.jsonl',
  });
  const parsed = runJsonSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.slice(0, 5).map((issue) => ({
        code: 'run-json-invalid',
        path: [runJsonPath, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
        message: issue.message,
      })),
    );
  }
  const { script } = parsed.data;
  const timeline: Timeline =
    parsed.data.timeline ??
    buildTimeline({
      prompts: script.prompts,
      seconds: script.seconds ?? script.prompts.map(() => reference.video.secondsPerPrompt),
      fps: script.fps ?? reference.video.fps,
    });
  const video = await readVideo(join(dir, 'video.mp4'), options);
  const { annotations } = script;
  // One pixel analysis serves the metrics and the caller's onAnalysis.
  const analysis = analyseSegments(video.frames, timeline, annotations);
  const report = await withFeatureSet(
    await evaluateVideo({
      frames: video.frames,
      fps: video.fps,
      timeline,
      analysis,
      ...(annotations && { annotations }),
      ...(options.judge && { judge: options.judge }),
    }),
    options.features ?? 'embedded',
    { frames: video.frames, timeline, ...(annotations && { annotations }) },
  );
  const records = await readRenderRecord(join(dir, 'render.jsonl'), report.warnings);
  if (records !== undefined && annotations !== undefined)
    report.oracle = evaluateRenderRecord(records, timeline, annotations);
  options.onAnalysis?.(analysis, { timeline, ...(annotations && { annotations }) });
  return report;
}

/** Largest width a video is decoded at for evaluation unless asked otherwise. */
export const defaultEvaluationWidth = 320;

/** Decodes a video for evaluation, turning a missing or unreadable file into an InputError (exit 2). */
export async function readVideo(
  path: string,
  options: EvaluateDirOptions,
): Promise<{ fps: number; frames: VideoFrame[] }> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new InputError([
      {
        code: 'video-missing',
        path: [path],
        message: 'no such file',
        hint: 'the run did not finish, or the folder is not a run folder',
      },
    ]);
  }
  try {
    const width =
      options.width ??
      Math.min(
        defaultEvaluationWidth,
        (await probeVideo(path, options.ffmpegPath ? { ffmpegPath: options.ffmpegPath } : {})).width,
      );
    const decoded = await decodeMp4(path, {
      width,
      ...(options.ffmpegPath && { ffmpegPath: options.ffmpegPath }),
    });
    if (decoded.frames.length === 0) throw new Error('it holds no frames');
    return decoded;
  } catch (cause) {
    const reason = IamflowError.isInstance(cause)
      ? (cause.issues[0]?.message ?? cause.message)
      : (cause as Error).message;
    if (IamflowError.isInstance(cause) && cause.issues[0]?.code === 'ffmpeg-missing') throw cause;
    throw new InputError(
      [
        {
          code: 'video-unreadable',
          path: [path],
          message: `cannot be decoded: ${reason}`,
          hint: 'generate the video again',
        },
      ],
      { cause },
    );
  }
}

/** Reads render.jsonl (undefined when absent; a bad line adds a warning and gives undefined). */
export async function readRenderRecord(
  path: string,
  warnings: string[],
): Promise<RenderRecordEntry[] | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const entries: RenderRecordEntry[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const entry = renderEntrySchema.safeParse(parseJson(line));
    if (!entry.success) {
      warnings.push(`render.jsonl line ${index + 1} is not a render record entry; the oracle was skipped`);
      return undefined;
    }
    entries.push(entry.data as RenderRecordEntry);
  }
  return entries.sort((a, b) => a.frame - b.frame);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads a text file the user pointed at; a missing or unreadable file is an InputError with `code`. */
export async function readInputFile(path: string, issue: { code: string; hint?: string }): Promise<string> {
  return readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    const message = cause.code === 'ENOENT' ? 'no such file' : `cannot be read (${cause.code})`;
    throw new InputError(
      [{ code: issue.code, path: [path], message, ...(issue.hint ? { hint: issue.hint } : {}) }],
      {
        cause,
      },
    );
  });
}
