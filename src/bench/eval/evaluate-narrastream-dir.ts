import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { formatError, IamflowError } from '../../errors/index.js';
import { reference } from '../../reference/index.js';
import type { ScriptAnnotations } from '../../script/annotation-schema.js';
import { buildTimeline } from '../../script/timeline.js';
import { annotationsSchema, type EvaluateDirOptions, readInputFile, readVideo } from './evaluate-run-dir.js';
import { evaluateVideo } from './evaluate-video.js';
import type { DimensionName, EvaluationReport } from './evaluation-report.js';
import type { FeatureSetName } from './features/feature-set.js';
import { withFeatureSet } from './features/with-feature-set.js';
import { mean, round } from './score.js';

/** One sample of a NarraStream batch: its report, or why it could not be scored. */
export interface NarraStreamSample {
  /** 0-based line of prompt.jsonl, and the `i` of `video/sample_{i}.mp4`. */
  index: number;
  /** The report, when the sample could be scored. */
  report?: EvaluationReport;
  /** Why the sample was not scored (missing or corrupt video, bad line). */
  error?: { code: string; message: string };
}

/** The evaluation of a NarraStream-Bench folder. */
export interface NarraStreamReport {
  /** Per sample, in order. */
  samples: NarraStreamSample[];
  /** Means over the samples that were scored. */
  summary: {
    scored: number;
    failed: number;
    total: number;
    dimensions: Record<DimensionName, number>;
    /** The feature set the metrics came from (`--features`). */
    features: FeatureSetName;
  };
  /** Batch-level problems (count mismatches). */
  warnings: string[];
}

const lineSchema = z
  .object({
    prompts: z.array(z.string()).min(1),
    seconds: z.array(z.number().positive()).optional(),
    annotations: annotationsSchema.optional(),
    characters: annotationsSchema.shape.characters.optional(),
    present: annotationsSchema.shape.present.optional(),
  })
  .loose();

/**
 * Evaluates a NarraStream-Bench folder: `prompt.jsonl` (one `{"prompts": [...]}` per line, annotations optional,
 * inline or under `annotations`) and `video/sample_{i}.mp4`. A bad line, a missing or corrupt video fails only
 * its sample; the rest of the batch is still scored.
 *
 * @example
 * const { summary } = await evaluateNarraStreamDir('narrastream/');
 */
export async function evaluateNarraStreamDir(
  dir: string,
  options: EvaluateDirOptions = {},
): Promise<NarraStreamReport> {
  const promptPath = join(dir, 'prompt.jsonl');
  const text = await readInputFile(promptPath, { code: 'prompt-jsonl-missing' });
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const warnings: string[] = [];
  const videos = await listSamples(join(dir, 'video'));
  const extra = videos.filter((index) => index >= lines.length);
  if (extra.length > 0 || videos.length !== lines.length) {
    warnings.push(
      `prompt.jsonl has ${lines.length} lines but video/ holds ${videos.length} sample videos${extra.length > 0 ? ` (sample_${extra.join(', sample_')} have no prompt line and were skipped)` : ''}`,
    );
  }
  const samples: NarraStreamSample[] = [];
  for (const [index, line] of lines.entries()) {
    samples.push(await evaluateSample(dir, index, line, options));
  }
  const scored = samples.flatMap((sample) => (sample.report ? [sample.report] : []));
  const dimensions = {} as Record<DimensionName, number>;
  for (const name of ['quality', 'temporal', 'instruction'] as const) {
    dimensions[name] = round(mean(scored.map((report) => report.dimensions[name])) ?? 0);
  }
  return {
    samples,
    summary: {
      scored: scored.length,
      failed: samples.length - scored.length,
      total: round(mean(scored.map((report) => report.total)) ?? 0),
      dimensions,
      features: options.features ?? 'embedded',
    },
    warnings,
  };
}

async function evaluateSample(
  dir: string,
  index: number,
  line: string,
  options: EvaluateDirOptions,
): Promise<NarraStreamSample> {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { index, error: { code: 'invalid-json', message: `prompt.jsonl line ${index + 1} is not JSON` } };
  }
  const parsed = lineSchema.safeParse(data);
  if (!parsed.success) {
    return {
      index,
      error: {
        code: 'invalid-line',
        message: `prompt.jsonl line ${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      },
    };
  }
  const { prompts, seconds } = parsed.data;
  const annotations: ScriptAnnotations | undefined =
    parsed.data.annotations ??
    (parsed.data.characters && parsed.data.present
      ? { characters: parsed.data.characters, present: parsed.data.present }
      : undefined);
  try {
    const video = await readVideo(join(dir, 'video', `sample_${index}.mp4`), options);
    const timeline = buildTimeline({
      prompts,
      seconds:
        seconds?.length === prompts.length ? seconds : prompts.map(() => reference.video.secondsPerPrompt),
      fps: Math.round(video.fps) || reference.video.fps,
    });
    const report = await withFeatureSet(
      await evaluateVideo({
        frames: video.frames,
        fps: video.fps,
        timeline,
        ...(annotations && { annotations }),
        ...(options.judge && { judge: options.judge }),
      }),
      options.features ?? 'embedded',
      { frames: video.frames, timeline, ...(annotations && { annotations }) },
    );
    return { index, report };
  } catch (error) {
    const code = IamflowError.isInstance(error) ? (error.issues[0]?.code ?? 'failed') : 'failed';
    return { index, error: { code, message: formatError(error).replace(/^error: /, '') } };
  }
}

async function listSamples(folder: string): Promise<number[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names
    .map((name) => /^sample_(\d+)\.mp4$/.exec(name)?.[1])
    .filter((value): value is string => value !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
