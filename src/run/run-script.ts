import type { CausalVideoEngineV1, EngineInfo, GeneratedChunk } from '../engine/engine.js';
import { createMiniEngine } from '../engine/mini/mini-engine.js';
import type { MiniEngineSettings } from '../engine/mini/settings.js';
import { createRemoteEngine } from '../engine/remote/create-remote-engine.js';
import { InputError } from '../errors/index.js';
import type { MemoryEvent, PolicyRegistration } from '../memory/policy.js';
import { resolvePolicy } from '../memory/policy-registry.js';
import { generateVideo } from '../pipeline/generate-video.js';
import type { LivePrompts } from '../pipeline/live-prompts.js';
import type { LoopCheckpoint } from '../pipeline/loop-checkpoint.js';
import { scriptOfTimeline } from '../pipeline/prompt-source.js';
import { createRunJson, type RunJson, type StartImageUse } from '../pipeline/run-json.js';
import type { RunProgress, RunResult } from '../pipeline/run-result.js';
import type { Script } from '../script/script.js';
import { buildTimeline, type Segment, type Timeline } from '../script/timeline.js';
import { killPoint } from './kill-point.js';
import { loadReferences } from './load-references.js';
import { resolveAgents } from './resolve-agents.js';
import { checkRunCheckpoint, runIdentity, storedRequest } from './run-checkpoint.js';
import { denoisingTimesteps } from './run-defaults.js';
import type { RunSink } from './run-sink.js';
import {
  type EngineFactory,
  type EngineSettings,
  parseRunSpec,
  type RunSpec,
  type RunSpecInput,
  specScript,
} from './run-spec.js';

/** Options of {@link runScript}. */
export interface RunScriptOptions {
  /** Stops the run between chunks: `runScript` aborts the sink and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after every chunk. */
  onProgress?: (progress: RunProgress) => void;
  /** The policies a name may choose from. Default: every listed policy. */
  policies?: readonly PolicyRegistration[];
  /** ISO time for run.json. Default: now. */
  now?: () => string;
  /**
   * Interactive prompts: created over the run's timeline before the first chunk; the caller edits them while the
   * run streams. run.json then records the prompts as used (and the edits), so the run replays.
   */
  livePrompts?: (timeline: Timeline, engine: EngineInfo) => LivePrompts;
  /** Called when a segment starts, with the timeline followed at that moment. */
  onSegment?: (segment: Segment, timeline: Timeline) => void;
  /** Receives every memory event as the policy reports it. */
  onMemoryEvent?: (event: MemoryEvent) => void;
  /**
   * Stores a checkpoint through the sink's `saveCheckpoint` after every this many chunks and after the last (0 or
   * absent: none). Taken only when the sink and engine can (a remote engine cannot snapshot): see `checkpointing`.
   */
  checkpointEvery?: number;
  /** Continues from the checkpoint the sink holds (the run's identity must match). */
  resume?: boolean;
}

/** What a run produced. */
export interface RunScriptResult {
  /** What the streaming loop measured. */
  result: RunResult;
  /** The run.json the sink received (null when the sink writes no files). */
  runJson: RunJson | null;
  /** Whether checkpoints were stored (asked for, and the sink and engine can). */
  checkpointing: boolean;
}

/** Settings a run records under `engine.config` in run.json. */
function engineConfig(spec: RunSpec, settings: EngineSettings): Record<string, unknown> {
  if (typeof spec.engine === 'function') return { ...settings };
  // The server's URL only: a token must not reach run.json.
  if (spec.engine.provider === 'remote') return { ...settings, url: spec.engine.url };
  const { provider: _provider, ...extra } = spec.engine;
  return { ...settings, ...extra };
}

/**
 * The embedded miniature engine as an engine factory: the run's size, seed and fps, its steps as evenly spaced
 * timesteps (4 -> 1000, 750, 500, 250), plus optional extra settings.
 *
 * @example
 * const engine = createMiniEngineFactory({ quantization: 'int8' })({ width: 480, height: 270, seed: 1, fps: 16, steps: 4 });
 */
export function createMiniEngineFactory(
  extra: Pick<MiniEngineSettings, 'quantization' | 'timestepShift'> = {},
): EngineFactory {
  return ({ steps, ...settings }) =>
    createMiniEngine({ ...settings, ...extra, denoisingSteps: denoisingTimesteps(steps) });
}

async function createEngine(spec: RunSpec, settings: EngineSettings): Promise<CausalVideoEngineV1> {
  if (typeof spec.engine === 'function') return spec.engine(settings);
  if (spec.engine.provider === 'remote') {
    const { url, token, timeoutMs } = spec.engine;
    return createRemoteEngine({
      url,
      ...(token === undefined ? {} : { token }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      session: settings,
      renderRecord: spec.output.renderRecord,
      // The loop decodes every chunk right after generating it: the frames ride in the generate reply.
      decodeAhead: true,
    });
  }
  const { quantization, timestepShift } = spec.engine;
  return createMiniEngineFactory({
    ...(quantization === undefined ? {} : { quantization }),
    ...(timestepShift === undefined ? {} : { timestepShift }),
  })(settings);
}

/** Policy settings for the factory, and their JSON description for run.json (ports described by provider). */
function policySettings(spec: RunSpec, registration: PolicyRegistration) {
  const given = spec.policy.settings;
  const description: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    const port = typeof value === 'object' && value !== null && 'provider' in value;
    description[key] = port ? { provider: value.provider } : value;
  }
  if (!registration.takesAgents) {
    if (spec.policy.agents !== undefined) {
      throw new InputError([
        {
          code: 'invalid-policy-settings',
          path: ['policy', 'agents'],
          message: `policy '${registration.name}' takes no agents`,
          hint: 'drop the agent settings or choose a policy that takes them',
        },
      ]);
    }
    return { settings: given, description };
  }
  const agents = resolveAgents(spec.policy.agents);
  return {
    settings: { ...agents.settings, ...given },
    description: { ...agents.description, ...description },
  };
}

/**
 * Generates one script end to end: validates the spec, creates the engine (the factory's or the miniature engine
 * with the spec's size, seed, fps and steps), lays the timeline out with the engine's geometry, runs the streaming
 * loop under the chosen policy (its agents resolved from plain settings), and hands frames, the render record
 * (after the run) and run.json (last) to the sink. The one path `iamflow generate`, `iamflow bench` and
 * bench/speed.ts share: the same spec gives byte-identical outputs whichever front end runs it.
 *
 * @example
 * const { result } = await runScript(
 *   { segments: [{ prompt: 'Nora, in a yellow raincoat, walks in the rain.', seconds: 4 }], policy: { name: 'memflow' } },
 *   createRunDirSink({ dir: 'out/nora' }),
 * );
 */
export async function runScript(
  input: RunSpecInput,
  sink: RunSink,
  options: RunScriptOptions = {},
): Promise<RunScriptResult> {
  const spec = parseRunSpec(input);
  const registration = resolvePolicy(spec.policy.name, options.policies);
  const policy = policySettings(spec, registration);
  const script = specScript(spec);
  const settings: EngineSettings = { ...spec.size, seed: spec.seed, fps: script.fps, steps: spec.steps };
  const references = await loadReferences(script);
  const engine = await createEngine(spec, settings);
  let opened = false;
  try {
    const timeline = buildTimeline(script, engine.info);
    const renderRecord = spec.output.renderRecord && engine.renderRecord !== undefined;
    const plan = {
      timeline,
      width: engine.info.width,
      height: engine.info.height,
      fps: timeline.fps,
      renderRecord,
      keyframes: spec.output.keyframes,
    };
    const every = options.checkpointEvery ?? 0;
    const canCheckpoint = Boolean(sink.saveCheckpoint && engine.snapshot && engine.restore);
    const checkpointing = every > 0 && canCheckpoint && !options.livePrompts;
    const identity = runIdentity(spec, script, engine, policy.description, every);
    let resume: LoopCheckpoint | undefined;
    if (options.resume) {
      if (!canCheckpoint || !sink.readCheckpoint || !sink.resume || options.livePrompts) {
        throw new InputError([
          {
            code: 'cannot-resume',
            path: ['resume'],
            message: `a run on the ${engine.provider} engine${options.livePrompts ? ' with live prompts' : ''} cannot be resumed`,
            hint: 'start it again without --resume',
          },
        ]);
      }
      const stored = await sink.readCheckpoint();
      if (stored === undefined) {
        throw new InputError([
          {
            code: 'missing-checkpoint',
            path: ['resume'],
            message: 'the output folder holds no checkpoint',
            hint: 'give the --out folder of a run started with checkpoints (the default) that did not finish',
          },
        ]);
      }
      resume = checkRunCheckpoint(stored, identity, 'checkpoint.json');
    }
    const outputs = resume ? await sink.resume!(plan) : await sink.open(plan);
    opened = true;
    const request = checkpointing ? storedRequest(spec, script, engine) : undefined;
    const live = options.livePrompts?.(timeline, engine.info);
    // An image-to-video engine starts from the picture (every policy); else the policy may bank it (iamflow).
    const startImage = engine.info.imageToVideo === true ? references?.startImage : undefined;
    const policyReferences = startImage && references ? { characters: references.characters } : references;
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: spec.seed,
      ...(startImage ? { startImage } : {}),
      policy: (context) =>
        registration.create(
          policyReferences ? { ...context, references: policyReferences } : context,
          policy.settings,
        ),
      ...(spec.transition ? { transition: spec.transition } : {}),
      ...(spec.curve ? { softTransition: { curve: spec.curve } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onChunk: options.onProgress } : {}),
      ...(live ? { prompts: live } : {}),
      ...(options.onSegment ? { onSegment: options.onSegment } : {}),
      ...(options.onMemoryEvent ? { onMemoryEvent: options.onMemoryEvent } : {}),
      onFrames: (chunk, frames) => {
        killPoint('chunk');
        return sink.onFrames(chunk, frames);
      },
      ...(sink.framesRead ? { framesRead: (chunk: GeneratedChunk) => sink.framesRead!(chunk) } : {}),
      ...(checkpointing
        ? {
            checkpointEvery: every,
            onCheckpoint: (checkpoint: LoopCheckpoint) =>
              sink.saveCheckpoint!({ identity, request, ...checkpoint }),
          }
        : {}),
      ...(resume ? { resume } : {}),
      ...(renderRecord ? { onRenderRecord: (entries) => sink.onRenderRecord(entries) } : {}),
    });
    const edits = live?.edits() ?? [];
    const runJson = outputs
      ? createRunJson(result, {
          script: edits.length > 0 ? scriptAsUsed(script, result.timeline) : script,
          ...(edits.length > 0 ? { edits } : {}),
          seed: spec.seed,
          policySettings: policy.description,
          engineConfig: engineConfig(spec, settings),
          ...(script.startImage === undefined
            ? {}
            : { startImage: { path: script.startImage, use: startImageUse(Boolean(startImage), result) } }),
          outputs,
          createdAt: options.now?.() ?? new Date().toISOString(),
        })
      : null;
    await sink.commit(runJson);
    return { result, runJson, checkpointing };
  } catch (error) {
    if (opened) await sink.abort();
    throw error;
  } finally {
    await engine.release();
  }
}

/** What became of the script's start image: the engine's first frame, the policy's bank, or nothing. */
function startImageUse(toSink: boolean, result: RunResult): StartImageUse {
  if (toSink) return 'sink';
  const banked = result.memoryEvents.some(
    (event) => event.type === 'reference-encode' && event.reference === 'start',
  );
  return banked ? 'bank' : 'unused';
}

/** The script a run with live edits followed: its prompts and chunk-exact seconds (annotations no longer apply). */
function scriptAsUsed(script: Script, timeline: Timeline): Script {
  const { annotations: _annotations, ...rest } = script;
  return { ...rest, ...scriptOfTimeline(timeline), source: { path: `${script.source.path} (edited live)` } };
}
