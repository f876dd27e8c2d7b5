import { join, resolve } from 'node:path';
import type { CausalVideoEngineV1 } from '../../engine/engine.js';
import { createMiniEngine } from '../../engine/mini/mini-engine.js';
import { IamflowError } from '../../errors/index.js';
import { writePng } from '../../frame/index.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import {
  createPolicy,
  defaultPolicyName,
  policyNames,
  resolvePolicyFactory,
} from '../../memory/policies/index.js';
import { generateVideo } from '../../pipeline/generate-video.js';
import { createRunJson } from '../../pipeline/run-json.js';
import { readScript } from '../../script/read-script.js';
import { buildTimeline } from '../../script/timeline.js';
import { createMp4Encoder } from '../../video/index.js';
import type { Command, CommandContext } from '../command.js';
import { createProgressBar } from '../progress-bar.js';
import { agentHelp, agentOptions, resolveAgentSettings } from './agent-flags.js';
import { parseGenerateFlags } from './generate-flags.js';
import { type FrameEncoder, openRunOutputs, prepareOutputDir, type RunOutputs } from './generate-outputs.js';

export type { FrameEncoder } from './generate-outputs.js';

/** What `generate` creates its engine and writers with; injectable for tests. */
export interface GenerateDependencies {
  /** Creates the engine for a run. */
  createEngine(settings: { width: number; height: number; seed: number; fps: number }): CausalVideoEngineV1;
  /** Opens an MP4 writer (H.264 yuv420p). */
  createEncoder(options: { path: string; width: number; height: number; fps: number }): FrameEncoder;
  /** Writes one PNG. */
  writePng(path: string, frame: VideoFrame): Promise<void>;
}

const help = () => `Usage: iamflow generate SCRIPT --out DIR [options]

Generates a narrative long video from SCRIPT (JSONL, YAML/JSON or text) with the embedded miniature causal engine,
streaming frames to DIR/video.mp4 (H.264, yuv420p, 16 fps). Also writes DIR/render.jsonl (render record),
DIR/keyframes/prompt-NN.png (middle frame of each prompt) and DIR/run.json (written last).

Options:
  --out DIR            output folder (required; created; only our files in it are replaced)
  --policy NAME        memory policy: ${policyNames().join(', ')} (default: ${defaultPolicyName})
  --seed N             engine seed, 0..4294967295 (default: 1)
  --size WxH           frame size, even numbers 64..1920 (default: 480x270)
  --line N             take the script on line N of a multi-script JSONL file
  --id ID              take the script with this id from a multi-script file
  --transition KIND    at prompt switches: swap, recache or soft (default: the policy's)
  --curve NAME         soft transition ramp: cosine, linear, sigmoid or step (default: cosine)
  --quiet              no progress bar and no summary line
  --json               print a JSON summary on stdout
${agentHelp}
  --verbose            print stack traces of unexpected errors
  -h, --help           show this help

Examples:
  iamflow generate examples/nora.jsonl --out out/nora
  iamflow generate bench/suite/narrastream-324.jsonl --line 3 --policy memflow --seed 7 --out out/s3
  iamflow generate examples/nora.jsonl --out out/nora-soft --transition soft --curve linear --size 320x180 --json
`;

/** Creates the `generate` command over the given engine and writers. */
export function createGenerateCommand(dependencies: GenerateDependencies): Command {
  return {
    name: 'generate',
    summary: 'generate a video from a script (MP4, keyframes, render record, run.json)',
    get help() {
      // Built on read, so policies registered after this module loaded are listed too.
      return help();
    },
    options: {
      out: { type: 'string' },
      policy: { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      line: { type: 'string' },
      id: { type: 'string' },
      transition: { type: 'string' },
      curve: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...agentOptions,
    },
    run: (context) => runGenerate(context, dependencies),
  };
}

async function runGenerate(context: CommandContext, dependencies: GenerateDependencies): Promise<number> {
  const flags = parseGenerateFlags(context.values, context.positionals, defaultPolicyName);
  resolvePolicyFactory(flags.policy);
  const agents = resolveAgentSettings(context, flags.policy);
  const script = await readScript(flags.script, {
    cwd: context.cwd,
    ...(flags.line === undefined ? {} : { line: flags.line }),
    ...(flags.id === undefined ? {} : { id: flags.id }),
  });
  const out = resolve(context.cwd, flags.out);
  await prepareOutputDir(flags.out, out);

  const engineConfig = { width: flags.width, height: flags.height, seed: flags.seed, fps: script.fps };
  const engine = dependencies.createEngine(engineConfig);
  const timeline = buildTimeline(script, {
    videoFramesPerLatent: engine.info.videoFramesPerLatent,
    chunkFrames: engine.info.chunkFrames,
  });
  const bar = context.stderr.isTTY && !flags.quiet ? createProgressBar(context.stderr) : undefined;
  // Ctrl-C stops after the current chunk and removes partial files; a second Ctrl-C kills at once.
  const interrupt = new AbortController();
  const onSigint = () =>
    interrupt.abort(new IamflowError({ message: 'interrupted; partial files removed', exitCode: 130 }));
  process.once('SIGINT', onSigint);
  let outputs: RunOutputs | undefined;
  try {
    outputs = await openRunOutputs({
      out,
      timeline,
      encoder: dependencies.createEncoder({
        path: join(out, 'video.mp4'),
        width: flags.width,
        height: flags.height,
        fps: timeline.fps,
      }),
      writePng: dependencies.writePng,
      renderRecord: engine.renderRecord !== undefined,
    });
    const result = await generateVideo({
      script,
      engine,
      timeline,
      policy: (policyContext) => createPolicy(flags.policy, policyContext, agents.settings),
      ...(flags.transition ? { transition: flags.transition } : {}),
      ...(flags.curve ? { softTransition: { curve: flags.curve } } : {}),
      signal: interrupt.signal,
      onChunk: (progress) => bar?.update(progress),
      onFrames: outputs.onFrames,
    });
    bar?.finish();
    await outputs.commit(
      createRunJson(result, {
        script,
        seed: flags.seed,
        policySettings: agents.description,
        engineConfig,
        outputs: outputs.files,
        createdAt: new Date().toISOString(),
      }),
    );
    const summary = {
      out,
      video: join(out, outputs.files.video),
      frames: result.videoFrames,
      seconds: result.videoSeconds,
      wallSeconds: result.wallMs / 1000,
      realtimeFactor: result.realtimeFactor,
      policy: result.policy.name,
      costs: result.costs,
    };
    if (flags.json) context.stdout.write(`${JSON.stringify(summary)}\n`);
    else if (!flags.quiet) {
      context.stdout.write(
        `wrote ${join(flags.out, outputs.files.video)}: ${summary.seconds.toFixed(1)} s (${summary.frames} frames) ` +
          `in ${summary.wallSeconds.toFixed(1)} s, ${summary.realtimeFactor.toFixed(1)}x real time, policy ${summary.policy}\n`,
      );
    }
    return 0;
  } catch (error) {
    bar?.finish();
    await outputs?.abort();
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    await engine.release();
  }
}

/** `iamflow generate` over the embedded miniature engine and the ffmpeg MP4 encoder. */
export const generateCommand = createGenerateCommand({
  createEngine: (settings) => createMiniEngine(settings),
  createEncoder: (options) => createMp4Encoder(options),
  writePng,
});
