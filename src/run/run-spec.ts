import { z } from 'zod';
import type { CausalVideoEngineV1 } from '../engine/engine.js';
import { InputError } from '../errors/index.js';
import type { TransitionCurve } from '../pipeline/transition.js';
import type { Script } from '../script/script.js';
import { promptSchema } from '../script/script-schema.js';
import { runDefaults } from './run-defaults.js';

/** What an engine factory receives: the run's geometry, seed and steps. */
export interface EngineSettings {
  /** Decoded frame width in pixels. */
  width: number;
  /** Decoded frame height in pixels. */
  height: number;
  /** The run's seed. */
  seed: number;
  /** Video frames per second (the script's). */
  fps: number;
  /** Denoising steps; an engine without a step setting ignores it. */
  steps: number;
}

/** Creates the engine of one run (a remote one opens its session asynchronously); the run releases it. */
export type EngineFactory = (settings: EngineSettings) => CausalVideoEngineV1 | Promise<CausalVideoEngineV1>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

// A script as `readScript` returns it; checked for shape only (its reader validated the content).
const scriptSchema = z.custom<Script>(
  (value) =>
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.fps === 'number' &&
    Array.isArray(value.prompts) &&
    Array.isArray(value.seconds) &&
    value.prompts.length > 0 &&
    value.prompts.length === value.seconds.length,
  { error: 'must be a script (id, fps, prompts and as many seconds)' },
);

const agentEndpointSchema = z.strictObject({
  /** Base URL of the OpenAI-compatible API. */
  url: z.string().min(1),
  /** Model name (default `default`). */
  model: z.string().min(1).optional(),
  /** Bearer token, if the server needs one. */
  apiKey: z.string().min(1).optional(),
  /** Time allowed per HTTP attempt in milliseconds (default 30,000); past it the call is retried, then falls back. */
  timeoutMs: z.number().int().positive().optional(),
  /** Retries after the first attempt on retryable failures (default 2). */
  maxRetries: z.number().int().min(0).max(10).optional(),
});

/** The agents of a policy that takes them (`takesAgents`): plain data, so a run spec crosses worker threads. */
export const agentSettingsSchema = z.strictObject({
  /** OpenAI-compatible LLM for entity extraction (falls back to the rules extractor); default: rules. */
  llm: agentEndpointSchema.optional(),
  /** OpenAI-compatible vision model for verification (falls back to pixel); default: pixel. */
  vlm: agentEndpointSchema.optional(),
  /** Verify each chunk inline instead of in the background queue (ablation). */
  syncVerify: z.boolean().optional(),
});

/** Settings of the LLM/VLM agents. */
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

const miniEngineSpecSchema = z.strictObject({
  provider: z.literal('mini'),
  /** Stored-frame quantization (`none`, `int8`, `fp8`). */
  quantization: z.enum(['none', 'int8', 'fp8']).optional(),
  /** Timestep shift (reference 5). */
  timestepShift: z.number().positive().optional(),
});

/** The embedded miniature engine's settings in a run spec (plain data). */
export type MiniEngineSpec = z.infer<typeof miniEngineSpecSchema>;

const remoteEngineSpecSchema = z.strictObject({
  provider: z.literal('remote'),
  /** Base URL of an engine protocol server (docs/engine-protocol.md), e.g. `http://127.0.0.1:7870`. */
  url: z.url({ protocol: /^https?$/ }),
  /** Bearer token of the server; never written to run.json. */
  token: z.string().min(1).optional(),
  /** Time allowed per protocol call in milliseconds (default 120,000). */
  timeoutMs: z.number().int().positive().optional(),
});

/** A remote engine in a run spec: plain data, so it crosses worker threads. */
export type RemoteEngineSpec = z.infer<typeof remoteEngineSpecSchema>;

/** The schema of a run: what to generate, with which engine and policy, and what to write. */
export const runSpecSchema = z
  .strictObject({
    /** The script to generate (annotations are kept for run.json and never passed on). */
    script: scriptSchema.optional(),
    /** Or a plain list of segments. */
    segments: z
      .array(
        z.strictObject({
          prompt: promptSchema,
          seconds: z.number().positive().default(runDefaults.secondsPerPrompt),
        }),
      )
      .min(1)
      .optional(),
    /** Id of a script given as segments. */
    id: z.string().min(1).default('segments'),
    /** Video frames per second of a script given as segments. */
    fps: z.number().int().positive().default(runDefaults.fps),
    /** An engine factory, the settings of the embedded miniature engine, or a remote engine's server. */
    engine: z
      .union([
        z.custom<EngineFactory>((value) => typeof value === 'function'),
        miniEngineSpecSchema,
        remoteEngineSpecSchema,
      ])
      .default({ provider: 'mini' }),
    policy: z
      .strictObject({
        /** A listed policy name. */
        name: z.string().min(1).default(runDefaults.policy),
        /** Policy-specific settings (validated by the policy). */
        settings: z.record(z.string(), z.unknown()).default({}),
        /** The LLM/VLM agents, for a policy that takes them. */
        agents: agentSettingsSchema.optional(),
      })
      .default({ name: runDefaults.policy, settings: {} }),
    /** Engine seed; the policy's random ablations derive from it. */
    seed: z.number().int().min(0).max(0xffffffff).default(runDefaults.seed),
    /** Decoded frame size. */
    size: z
      .strictObject({ width: z.number().int().positive(), height: z.number().int().positive() })
      .default({ width: runDefaults.width, height: runDefaults.height }),
    /** Denoising steps of the engine. */
    steps: z.number().int().min(1).max(1000).default(runDefaults.steps),
    /** Overrides the policy's transition at switches. */
    transition: z.enum(['swap', 'recache', 'soft']).optional(),
    /** Ramp of a soft transition. */
    curve: z.enum(['cosine', 'linear', 'sigmoid', 'step'] satisfies TransitionCurve[]).optional(),
    /** What a run folder receives besides video.mp4 and run.json. */
    output: z
      .strictObject({
        /** The middle frame of each prompt as PNG. */
        keyframes: z.boolean().default(true),
        /** The engine's render record (render.jsonl), when it has one. */
        renderRecord: z.boolean().default(true),
      })
      .default({ keyframes: true, renderRecord: true }),
  })
  .superRefine((spec, context) => {
    if ((spec.script === undefined) === (spec.segments === undefined)) {
      context.addIssue({ code: 'custom', path: ['script'], message: 'give either a script or segments' });
    }
    if (spec.curve !== undefined && spec.transition !== 'soft') {
      context.addIssue({ code: 'custom', path: ['curve'], message: 'only applies to the soft transition' });
    }
  });

/** A run spec as given (defaults optional). */
export type RunSpecInput = z.input<typeof runSpecSchema>;

/** A run spec with every default filled in. */
export type RunSpec = z.output<typeof runSpecSchema>;

/**
 * Validates a run spec, filling defaults; problems become one InputError with an issue each.
 *
 * @example
 * const spec = parseRunSpec({ segments: [{ prompt: 'Nora walks in the rain.' }], policy: { name: 'longlive' } });
 */
export function parseRunSpec(input: RunSpecInput): RunSpec {
  const parsed = runSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.map((issue) => ({
      code: 'invalid-run-spec',
      path: ['spec', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
      message: issue.message,
    })),
  );
}

/** The script of a spec (its own, or one made from its segments). */
export function specScript(spec: RunSpec): Script {
  if (spec.script) return spec.script;
  const segments = spec.segments ?? [];
  return {
    id: spec.id,
    fps: spec.fps,
    prompts: segments.map((segment) => segment.prompt),
    seconds: segments.map((segment) => segment.seconds),
    source: { path: '(segments)' },
  };
}
