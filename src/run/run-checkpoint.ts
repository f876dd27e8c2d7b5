import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { CausalVideoEngineV1 } from '../engine/engine.js';
import { InputError, type Issue } from '../errors/index.js';
import { type LoopCheckpoint, loopStateSchema } from '../pipeline/loop-checkpoint.js';
import type { Script } from '../script/script.js';
import type { RunSpec } from './run-spec.js';

/** The iamflow version of the running code (package.json, two folders up from src/run and dist/run). */
function iamflowVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/** What a checkpoint must agree on with the run that resumes it; any difference refuses the resume. */
export interface RunIdentity {
  iamflow: string;
  engine: { provider: string; modelId: string };
  /** SHA-256 of the script's id, fps, prompts and seconds. */
  script: string;
  seed: number;
  size: { width: number; height: number };
  steps: number;
  policy: { name: string; settings: Record<string, unknown> };
  transition: string | null;
  curve: string | null;
  /** Chunks between checkpoints (a resume may not change it: it decides where segments and checkpoints fall). */
  checkpointEvery: number;
}

/** The spec a `--resume` without a script runs again: the script and flags, never a key or token. */
export interface StoredRequest {
  script: Script;
  policy: {
    name: string;
    agents?: {
      llm?: { url: string; model?: string };
      vlm?: { url: string; model?: string };
      syncVerify?: boolean;
    };
  };
  seed: number;
  size: { width: number; height: number };
  steps: number;
  transition?: RunSpec['transition'];
  curve?: RunSpec['curve'];
  engine: { provider: string } & Record<string, unknown>;
}

/** Builds the identity of a run. */
export function runIdentity(
  spec: RunSpec,
  script: Script,
  engine: CausalVideoEngineV1,
  policySettings: Record<string, unknown>,
  checkpointEvery: number,
): RunIdentity {
  const content = JSON.stringify([script.id, script.fps, script.prompts, script.seconds]);
  return {
    iamflow: iamflowVersion(),
    engine: { provider: engine.provider, modelId: engine.modelId },
    script: createHash('sha256').update(content).digest('hex'),
    seed: spec.seed,
    size: spec.size,
    steps: spec.steps,
    policy: { name: spec.policy.name, settings: policySettings },
    transition: spec.transition ?? null,
    curve: spec.curve ?? null,
    checkpointEvery,
  };
}

/** The request to store, without keys or tokens. */
export function storedRequest(spec: RunSpec, script: Script, engine: CausalVideoEngineV1): StoredRequest {
  const agents = spec.policy.agents;
  const endpoint = (value: { url: string; model?: string | undefined } | undefined) =>
    value && { url: value.url, ...(value.model === undefined ? {} : { model: value.model }) };
  const engineSpec =
    typeof spec.engine === 'function'
      ? { provider: engine.provider }
      : spec.engine.provider === 'remote'
        ? { provider: 'remote', url: spec.engine.url }
        : { ...spec.engine };
  return {
    script,
    policy: {
      name: spec.policy.name,
      ...(agents
        ? {
            agents: {
              ...(agents.llm ? { llm: endpoint(agents.llm)! } : {}),
              ...(agents.vlm ? { vlm: endpoint(agents.vlm)! } : {}),
              ...(agents.syncVerify === undefined ? {} : { syncVerify: agents.syncVerify }),
            },
          }
        : {}),
    },
    seed: spec.seed,
    size: spec.size,
    steps: spec.steps,
    ...(spec.transition ? { transition: spec.transition } : {}),
    ...(spec.curve ? { curve: spec.curve } : {}),
    engine: engineSpec,
  };
}

const runCheckpointSchema = z.object({
  identity: z.record(z.string(), z.unknown()),
  request: z.record(z.string(), z.unknown()),
  loop: loopStateSchema,
  engine: z.unknown(),
  policy: z.unknown(),
});

/** What run-script stores through the sink at every checkpoint. */
export interface RunCheckpoint extends LoopCheckpoint {
  identity: RunIdentity;
  request: StoredRequest;
}

/**
 * Reads a stored checkpoint and checks it belongs to this run; refuses (InputError, exit 2) a damaged one or one of
 * another script, seed, size, steps, policy, engine or iamflow version, naming every field that differs.
 */
export function checkRunCheckpoint(value: unknown, identity: RunIdentity, where: string): LoopCheckpoint {
  const parsed = runCheckpointSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.slice(0, 5).map((issue) => ({
        code: 'invalid-checkpoint',
        path: [where, ...issue.path.map(String)],
        message: issue.message,
        hint: 'the run cannot be resumed from it; start it again without --resume',
      })),
    );
  }
  const stored = parsed.data.identity;
  const issues: Issue[] = [];
  for (const [key, expected] of Object.entries(identity)) {
    const found = JSON.stringify(stored[key]);
    if (found !== JSON.stringify(expected)) {
      issues.push({
        code: 'checkpoint-mismatch',
        path: [where, key],
        message: `the checkpoint was written with ${key} ${found ?? 'unset'}, this run has ${JSON.stringify(expected)}`,
        hint: 'resume with the script, flags and iamflow version of the run that wrote it (or plain --resume DIR)',
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  // Validated above; the value as stored is used, so events keep every field run.json had.
  const { loop, engine, policy } = value as LoopCheckpoint;
  return { loop, engine, policy };
}

/** The request stored in a checkpoint, for `generate --resume DIR` without a script. */
export function readStoredRequest(value: unknown, where: string): StoredRequest {
  const parsed = z
    .object({ request: z.object({ script: z.record(z.string(), z.unknown()) }).passthrough() })
    .safeParse(value);
  if (!parsed.success) {
    throw new InputError([
      {
        code: 'invalid-checkpoint',
        path: [where, 'request'],
        message: 'the checkpoint holds no run request',
        hint: 'the run cannot be resumed from it; start it again without --resume',
      },
    ]);
  }
  return parsed.data.request as unknown as StoredRequest;
}
