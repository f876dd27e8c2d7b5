import { join, resolve } from 'node:path';
import { IamflowError, InputError } from '../../errors/index.js';
import { writePng } from '../../frame/index.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { defaultPolicyName, policyNames, resolvePolicy } from '../../memory/policy-registry.js';
import { createRunDirSink } from '../../run/create-run-dir-sink.js';
import { runDefaults } from '../../run/run-defaults.js';
import { createMiniEngineFactory, runScript } from '../../run/run-script.js';
import type { FrameEncoder } from '../../run/run-sink.js';
import type { EngineFactory } from '../../run/run-spec.js';
import { readScript } from '../../script/read-script.js';
import { createMp4Encoder } from '../../video/index.js';
import type { Command, CommandContext } from '../command.js';
import { ensureWritableDir } from '../ensure-writable-dir.js';
import { createProgressBar } from '../progress-bar.js';
import { agentHelp, agentOptions, resolveAgentFlags } from './agent-flags.js';
import { engineHelp, engineOptions, resolveEngineSpec } from './engine-flags.js';
import { parseGenerateFlags } from './generate-flags.js';
import { parseCheckpointEvery, readStoredRun, segmentFramesFromEnv } from './generate-resume.js';

export type { FrameEncoder } from '../../run/run-sink.js';

/** What `generate` creates its engine and writers with; injectable for tests. */
export interface GenerateDependencies {
  /** Creates the engine for a run. */
  createEngine: EngineFactory;
  /** Opens an MP4 writer (H.264 yuv420p). */
  createEncoder(options: { path: string; width: number; height: number; fps: number }): FrameEncoder;
  /** Writes one PNG. */
  writePng(path: string, frame: VideoFrame): Promise<void>;
}

const help = () => `Usage: iamflow generate SCRIPT --out DIR [options]
       iamflow generate --resume DIR

Generates a narrative long video from SCRIPT (JSONL, YAML/JSON or text) with the embedded miniature causal engine,
streaming frames to DIR/video.mp4 (H.264, yuv420p, 16 fps). After the run it writes DIR/render.jsonl (render
record), DIR/keyframes/prompt-NN.png (middle frame of each prompt) and DIR/run.json (last).

Options:
  --out DIR            output folder (required; created; only our files in it are replaced)
  --policy NAME        memory policy: ${policyNames().join(', ')} (default: ${defaultPolicyName})
  --seed N             engine seed, 0..4294967295; the policy's random choices use it too (default: ${runDefaults.seed})
  --size WxH           frame size, even numbers 64..1920 (default: ${runDefaults.width}x${runDefaults.height})
  --steps N            denoising steps of the engine, 1..1000 (default: ${runDefaults.steps})
  --line N             take the script on line N of a multi-script JSONL file
  --id ID              take the script with this id from a multi-script file
  --transition KIND    at prompt switches: swap, recache or soft (default: the policy's)
  --curve NAME         soft transition ramp: cosine, linear, sigmoid or step (default: cosine)
  --checkpoint-every N keep a checkpoint in DIR/.checkpoint every N chunks, 0 for none (default: 1); removed
                       when the run finishes
  --resume DIR         continue the killed run in DIR from its checkpoint (alone, or with the run's own SCRIPT
                       and flags); the finished video.mp4 and render.jsonl equal those of an uninterrupted run
${engineHelp}
  --quiet              no progress bar and no summary line
  --json               print a JSON summary on stdout
${agentHelp}
                       (agent flags apply to policies that take agents: iamflow)
  --verbose            print stack traces of unexpected errors
  -h, --help           show this help

Examples:
  iamflow generate examples/nora.jsonl --out out/nora
  iamflow generate bench/suite/narrastream-324.jsonl --line 3 --policy memflow --seed 7 --out out/s3
  iamflow generate examples/nora.jsonl --out out/nora-soft --transition soft --curve linear --size 320x180 --json
  iamflow generate examples/nora.jsonl --out out/nora-remote --engine http://127.0.0.1:7870
`;

/** Creates the `generate` command over the given engine and writers. */
export function createGenerateCommand(dependencies: GenerateDependencies): Command {
  return {
    name: 'generate',
    summary: 'generate a video from a script (MP4, keyframes, render record, run.json)',
    get help() {
      return help();
    },
    options: {
      out: { type: 'string' },
      policy: { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      steps: { type: 'string' },
      line: { type: 'string' },
      id: { type: 'string' },
      transition: { type: 'string' },
      curve: { type: 'string' },
      'checkpoint-every': { type: 'string' },
      resume: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...agentOptions,
      ...engineOptions,
    },
    run: (context) => runGenerate(context, dependencies),
  };
}

async function runGenerate(context: CommandContext, dependencies: GenerateDependencies): Promise<number> {
  const resumeDir = typeof context.values.resume === 'string' ? context.values.resume : undefined;
  const checkpointEvery = parseCheckpointEvery(context.values['checkpoint-every']);
  const sinkFor = (dir: string) =>
    createRunDirSink({
      dir,
      createEncoder: dependencies.createEncoder,
      writePng: dependencies.writePng,
      checkpoints: checkpointEvery > 0 || resumeDir !== undefined,
      ...segmentFramesFromEnv(context.env),
    });
  const stored =
    resumeDir !== undefined && context.positionals.length === 0
      ? await readStoredRun(resolve(context.cwd, resumeDir), sinkFor)
      : undefined;
  const values =
    resumeDir !== undefined && context.values.out === undefined
      ? { ...context.values, out: resumeDir }
      : context.values;
  if (
    resumeDir !== undefined &&
    resolve(context.cwd, String(values.out)) !== resolve(context.cwd, resumeDir)
  ) {
    throw new InputError([
      {
        code: 'invalid-flag',
        path: ['--out'],
        message: 'differs from --resume DIR',
        hint: 'drop --out: the run continues in the folder given to --resume',
      },
    ]);
  }
  const flags = stored
    ? { ...stored.flags, quiet: context.values.quiet === true, json: context.values.json === true }
    : parseGenerateFlags(values, context.positionals, defaultPolicyName);
  const agents = stored ? stored.agents : resolveAgentFlags(context, [resolvePolicy(flags.policy)]);
  const engineSpec = stored ? undefined : resolveEngineSpec(context);
  const script = stored
    ? stored.script
    : await readScript(flags.script, {
        cwd: context.cwd,
        ...(flags.line === undefined ? {} : { line: flags.line }),
        ...(flags.id === undefined ? {} : { id: flags.id }),
      });
  const out = resolve(context.cwd, flags.out);
  await ensureWritableDir('--out', flags.out, out);
  await ensureWritableDir('--out', flags.out, join(out, 'keyframes'));

  const bar = context.stderr.isTTY && !flags.quiet ? createProgressBar(context.stderr) : undefined;
  // Ctrl-C stops after the current chunk and removes partial files; a second Ctrl-C kills at once.
  const interrupt = new AbortController();
  const onSigint = () =>
    interrupt.abort(new IamflowError({ message: 'interrupted; partial files removed', exitCode: 130 }));
  process.once('SIGINT', onSigint);
  try {
    const sink = sinkFor(out);
    const { result } = await runScript(
      {
        script,
        engine: engineSpec ?? dependencies.createEngine,
        policy: { name: flags.policy, ...(agents ? { agents } : {}) },
        seed: flags.seed,
        size: { width: flags.width, height: flags.height },
        steps: flags.steps,
        ...(flags.transition ? { transition: flags.transition } : {}),
        ...(flags.curve ? { curve: flags.curve } : {}),
      },
      sink,
      {
        signal: interrupt.signal,
        onProgress: (progress) => bar?.update(progress),
        checkpointEvery,
        ...(resumeDir !== undefined ? { resume: true } : {}),
      },
    );
    bar?.finish();
    const video = join(out, 'video.mp4');
    const summary = {
      out,
      video,
      frames: result.videoFrames,
      seconds: result.videoSeconds,
      wallSeconds: result.wallMs / 1000,
      realtimeFactor: result.realtimeFactor,
      policy: result.policy.name,
      costs: result.costs,
      memory: result.memory,
    };
    if (flags.json) context.stdout.write(`${JSON.stringify(summary)}\n`);
    else if (!flags.quiet) {
      context.stdout.write(
        `wrote ${join(flags.out, 'video.mp4')}: ${summary.seconds.toFixed(1)} s (${summary.frames} frames) ` +
          `in ${summary.wallSeconds.toFixed(1)} s, ${summary.realtimeFactor.toFixed(1)}x real time, policy ${summary.policy}\n`,
      );
    }
    return 0;
  } catch (error) {
    bar?.finish();
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `iamflow generate` over the embedded miniature engine and the ffmpeg MP4 encoder. */
export const generateCommand = createGenerateCommand({
  createEngine: createMiniEngineFactory(),
  createEncoder: (options) => createMp4Encoder(options),
  writePng,
});
