import { z } from 'zod';
import { InputError } from '../errors/input-error.js';
import { memoryEventSchema } from '../memory/memory-event.js';
import { scriptAnnotationsSchema } from '../script/annotation-schema.js';
import type { Script } from '../script/script.js';
import type { PromptEdit } from './live-prompts.js';
import type { RunResult } from './run-result.js';

/** Version of the run.json layout; bumped on any incompatible change. */
export const runJsonVersion = 1;

const costsSchema = z.object({
  generatedFrames: z.number(),
  denoisingPasses: z.number(),
  contextPasses: z.number(),
  recachedFrames: z.number(),
  attentionOps: z.number(),
  decodedFrames: z.number(),
});

const scheduleSchema = z.object({
  curve: z.enum(['cosine', 'linear', 'sigmoid', 'step']),
  delayFrames: z.number(),
  windowFrames: z.number(),
  steepness: z.number(),
  chunkFrames: z.number(),
});

const transitionSchema = z.enum(['swap', 'recache', 'soft']);

const scriptSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  dimension: z.string().optional(),
  fps: z.number(),
  prompts: z.array(z.string()),
  seconds: z.array(z.number()),
  annotations: scriptAnnotationsSchema.optional(),
  source: z.object({ path: z.string(), line: z.number().optional() }),
});

const segmentSchema = z.object({
  index: z.number(),
  prompt: z.string(),
  startFrame: z.number(),
  endFrame: z.number(),
  startChunk: z.number(),
  endChunk: z.number(),
});

/** The schema of run.json (documented field by field in docs/run-json.md). */
export const runJsonSchema = z.object({
  version: z.literal(runJsonVersion),
  createdAt: z.string(),
  script: scriptSchema,
  timeline: z.object({
    fps: z.number(),
    videoFramesPerLatent: z.number(),
    chunkFrames: z.number(),
    totalLatentFrames: z.number(),
    totalChunks: z.number(),
    totalVideoFrames: z.number(),
    segments: z.array(segmentSchema),
  }),
  seed: z.number(),
  policy: z.object({
    name: z.string(),
    settings: z.record(z.string(), z.unknown()),
    transition: transitionSchema,
    /** Sparse memory activation's frame count, null for dense attention (absent in files of older builds). */
    memoryTopK: z.number().nullable().optional(),
    snapshot: z.unknown().optional(),
  }),
  engine: z.object({
    provider: z.string(),
    modelId: z.string(),
    info: z.object({
      width: z.number(),
      height: z.number(),
      fps: z.number(),
      videoFramesPerLatent: z.number(),
      chunkFrames: z.number(),
      sinkFrames: z.number(),
      localFrames: z.number(),
      bankCapacity: z.number(),
      denoisingSteps: z.array(z.number()),
      keyDimension: z.number(),
      imageToVideo: z.boolean().optional(),
    }),
    config: z.record(z.string(), z.unknown()),
  }),
  prompts: z.array(
    z.object({ segment: z.number(), text: z.string(), encodingId: z.string(), tokens: z.number() }),
  ),
  chunks: z.array(
    z.object({
      chunk: z.number(),
      segment: z.number(),
      generateMs: z.number(),
      decodeMs: z.number(),
      outputMs: z.number(),
      policyMs: z.number(),
      alpha: z.number().optional(),
    }),
  ),
  memoryEvents: z.array(memoryEventSchema),
  costs: z.object({
    total: costsSchema,
    switches: z.array(
      z.object({
        segment: z.number(),
        chunk: z.number(),
        transition: transitionSchema,
        schedule: scheduleSchema.optional(),
        transitionMs: z.number(),
        transitionCosts: costsSchema,
        switchCosts: costsSchema,
      }),
    ),
  }),
  video: z.object({
    frames: z.number(),
    seconds: z.number(),
    width: z.number(),
    height: z.number(),
    fps: z.number(),
  }),
  wallSeconds: z.number(),
  realtimeFactor: z.number(),
  /** Peak RSS of the process and the engine's store and weight bytes (absent in run.json files before them). */
  memory: z
    .object({
      maxRssBytes: z.number(),
      peakStoreBytes: z.number().optional(),
      weightBytes: z.number().optional(),
    })
    .optional(),
  /**
   * The script's start image and what became of it (absent when the script names none, and in files before it):
   * `sink` the engine's first latent frame (image-to-video), `bank` the policy's bank for the first segment (an
   * engine without image-to-video, the iamflow policy), `unused` neither.
   */
  startImage: z.object({ path: z.string(), use: z.enum(['sink', 'bank', 'unused']) }).optional(),
  edits: z
    .array(
      z.object({
        kind: z.enum(['insert', 'edit']),
        chunk: z.number(),
        segment: z.number(),
        text: z.string(),
      }),
    )
    .optional(),
  outputs: z.object({
    video: z.string(),
    renderRecord: z.string().nullable(),
    keyframes: z.array(z.string()),
    runJson: z.string(),
  }),
});

/** The content of run.json. */
export type RunJson = z.infer<typeof runJsonSchema>;

/** What became of a run's start image (run.json `startImage.use`). */
export type StartImageUse = NonNullable<RunJson['startImage']>['use'];

/**
 * Reads run.json text: throws an InputError naming the file (and the field, up to five issues) when it is not
 * JSON or not a run.json of this version; a truncated file from a killed run is one such case.
 *
 * @example
 * const runJson = parseRunJson(await readFile('runs/a/run.json', 'utf8'), 'runs/a/run.json');
 */
export function parseRunJson(text: string, path: string): RunJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError([
      { code: 'invalid-json', path: [path], message: 'is not valid JSON (a run killed while writing it?)' },
    ]);
  }
  const parsed = runJsonSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.slice(0, 5).map((issue) => ({
      code: 'invalid-file',
      path: [path, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
      message: issue.message,
    })),
  );
}

/** What run.json holds beyond the loop's RunResult. */
export interface RunJsonDetails {
  /** The script as read, annotations included (the loop never passed them on). */
  script: Script;
  /** The engine's seed. */
  seed: number;
  /** The policy's settings as given. */
  policySettings: Record<string, unknown>;
  /** The engine's creation settings. */
  engineConfig: Record<string, unknown>;
  /** Output file names relative to the output folder. */
  outputs: RunJson['outputs'];
  /** ISO time of the run. */
  createdAt: string;
  /** Prompt changes made while the run streamed (interactive mode); `script` then holds the prompts as used. */
  edits?: PromptEdit[];
  /** The script's start image (its path as the script names it) and what became of it. */
  startImage?: NonNullable<RunJson['startImage']>;
}

/**
 * Assembles run.json from a run's result and the details only the caller knows.
 *
 * @example
 * const json = createRunJson(result, { script, seed: 1, policySettings: {}, engineConfig, outputs, createdAt });
 */
export function createRunJson(result: RunResult, details: RunJsonDetails): RunJson {
  const { script } = details;
  const policy: RunJson['policy'] = {
    name: result.policy.name,
    settings: details.policySettings,
    transition: result.policy.transition,
    memoryTopK: result.policy.memoryTopK,
  };
  if (result.policy.snapshot !== undefined) policy.snapshot = result.policy.snapshot;
  return {
    version: runJsonVersion,
    createdAt: details.createdAt,
    script: {
      ...script,
      source: { ...script.source },
    },
    timeline: result.timeline,
    seed: details.seed,
    policy,
    engine: {
      ...result.engine,
      info: { ...result.engine.info, denoisingSteps: [...result.engine.info.denoisingSteps] },
      config: details.engineConfig,
    },
    prompts: result.prompts,
    chunks: result.chunks,
    memoryEvents: result.memoryEvents,
    costs: { total: result.costs, switches: result.switches },
    video: {
      frames: result.videoFrames,
      seconds: result.videoSeconds,
      width: result.engine.info.width,
      height: result.engine.info.height,
      fps: result.timeline.fps,
    },
    wallSeconds: result.wallMs / 1000,
    realtimeFactor: result.realtimeFactor,
    memory: result.memory,
    ...(details.startImage ? { startImage: details.startImage } : {}),
    ...(details.edits ? { edits: details.edits } : {}),
    outputs: details.outputs,
  };
}
