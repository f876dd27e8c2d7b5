import { join } from 'node:path';
import { InputError } from '../../errors/index.js';
import { readStoredRequest } from '../../run/run-checkpoint.js';
import type { RunSink } from '../../run/run-sink.js';
import type { AgentSettings } from '../../run/run-spec.js';
import type { Script } from '../../script/script.js';
import type { CommandContext } from '../command.js';
import type { GenerateFlags } from './generate-flags.js';

/** Parses `--checkpoint-every N` (default 1; 0 turns checkpoints off). */
export function parseCheckpointEvery(value: CommandContext['values'][string]): number {
  if (value === undefined) return 1;
  const text = String(value).trim();
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(number) && number <= 1_000_000) return number;
  throw new InputError([
    {
      code: 'invalid-flag',
      path: ['--checkpoint-every'],
      message: `'${text}' is not a whole number from 0 to 1000000`,
      hint: 'e.g. --checkpoint-every 4 (0 turns checkpoints off)',
    },
  ]);
}

/**
 * Video frames per encoded segment from `IAMFLOW_SEGMENT_FRAMES` (tests use short segments to cross segment
 * boundaries in a few seconds of video); absent: the sink's default.
 */
export function segmentFramesFromEnv(env: CommandContext['env']): { segmentFrames?: number } {
  const text = env.IAMFLOW_SEGMENT_FRAMES;
  if (text === undefined) return {};
  const number = Number(text);
  if (Number.isSafeInteger(number) && number > 0) return { segmentFrames: number };
  throw new InputError([
    {
      code: 'invalid-env',
      path: ['IAMFLOW_SEGMENT_FRAMES'],
      message: `'${text}' is not a positive whole number`,
    },
  ]);
}

/** The script and flags of the run a checkpoint belongs to, for `generate --resume DIR` alone. */
export async function readStoredRun(
  dir: string,
  sinkFor: (dir: string) => RunSink,
): Promise<{ flags: GenerateFlags; script: Script; agents: AgentSettings | undefined }> {
  const where = join(dir, '.checkpoint', 'checkpoint.json');
  const stored = await sinkFor(dir).readCheckpoint?.();
  if (stored === undefined) {
    throw new InputError([
      {
        code: 'missing-checkpoint',
        path: [where],
        message: 'no checkpoint to resume',
        hint: 'give the --out folder of a run started with checkpoints (the default) that did not finish',
      },
    ]);
  }
  const request = readStoredRequest(stored, where);
  if (request.engine.provider !== 'mini') {
    throw new InputError([
      {
        code: 'cannot-resume',
        path: [where, 'request', 'engine'],
        message: `a run on the ${request.engine.provider} engine cannot be resumed`,
        hint: 'start it again without --resume',
      },
    ]);
  }
  const flags: GenerateFlags = {
    script: request.script.source.path,
    out: dir,
    policy: request.policy.name,
    seed: request.seed,
    width: request.size.width,
    height: request.size.height,
    steps: request.steps,
    quiet: false,
    json: false,
  };
  if (request.transition) flags.transition = request.transition;
  if (request.curve) flags.curve = request.curve;
  return { flags, script: request.script, agents: request.policy.agents };
}
