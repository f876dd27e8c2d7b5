import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IamflowError } from '../errors/index.js';
import type { MemoryPolicy, PolicyContext, PolicyRegistration } from '../memory/policy.js';
import { policyRegistrations } from '../memory/policy-registry.js';
import { createFakeEngine } from '../pipeline/__fixtures__/fake-engine.js';
import { runJsonSchema } from '../pipeline/run-json.js';
import { createCollectSink } from './collect-sink.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import { denoisingTimesteps } from './run-defaults.js';
import { runScript } from './run-script.js';
import type { FrameEncoder } from './run-sink.js';
import { parseRunSpec, type RunSpecInput } from './run-spec.js';

const segments = [
  { prompt: 'Ravi, a tall man in a gray coat, waits at a bus stop.', seconds: 3 },
  { prompt: 'He walks into a small cafe.', seconds: 3 },
];
const fakeEncoder = (): FrameEncoder => ({
  write: () => {},
  close: async () => {},
  abort: async () => {},
});

describe('parseRunSpec', () => {
  it('fills the run defaults', () => {
    const spec = parseRunSpec({ segments: [{ prompt: 'Nora walks.' }] });
    expect(spec).toMatchObject({
      seed: 1,
      size: { width: 480, height: 270 },
      steps: 4,
      policy: { name: 'iamflow', settings: {} },
      engine: { provider: 'mini' },
      output: { keyframes: true, renderRecord: true },
      segments: [{ prompt: 'Nora walks.', seconds: 10 }],
    });
    expect(denoisingTimesteps(spec.steps)).toEqual([1000, 750, 500, 250]);
  });

  it.each<[string, RunSpecInput, string[]]>([
    ['neither script nor segments', {}, ['spec.script: give either a script or segments']],
    [
      'both script and segments',
      { segments, script: { id: 'x', fps: 16, prompts: ['a'], seconds: [1], source: { path: 'x' } } },
      ['spec.script: give either a script or segments'],
    ],
    [
      'a curve without soft',
      { segments, transition: 'recache', curve: 'linear' },
      ['spec.curve: only applies to the soft transition'],
    ],
    ['zero steps', { segments, steps: 0 }, ['spec.steps: Too small: expected number to be >=1']],
    ['an unknown field', { segments, seeds: 3 } as RunSpecInput, ['spec: Unrecognized key: "seeds"']],
  ])('rejects %s', (_name, input, expected) => {
    try {
      parseRunSpec(input);
      expect.unreachable();
    } catch (error) {
      expect(IamflowError.isInstance(error) && error.exitCode).toBe(2);
      const issues = (error as IamflowError).issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message}`,
      );
      expect(issues).toEqual(expected);
    }
  });
});

describe('runScript', () => {
  it('passes size, seed, fps and steps to the engine factory and records them in run.json', async () => {
    const seen: unknown[] = [];
    const { runJson, result } = await runScript(
      {
        segments,
        policy: { name: 'longlive' },
        seed: 5,
        steps: 2,
        size: { width: 8, height: 6 },
        engine: (settings) => {
          seen.push(settings);
          return createFakeEngine({ info: { width: settings.width, height: settings.height } });
        },
      },
      createCollectSink(
        createRunDirSink({ dir: mkdtempSync(join(tmpdir(), 'iamflow-run-')), createEncoder: fakeEncoder }),
      ),
      { now: () => '2025-01-01T00:00:00.000Z' },
    );
    expect(seen).toEqual([{ width: 8, height: 6, seed: 5, fps: 16, steps: 2 }]);
    expect(runJson?.engine.config).toEqual({ width: 8, height: 6, seed: 5, fps: 16, steps: 2 });
    expect(runJson?.createdAt).toBe('2025-01-01T00:00:00.000Z');
    expect(result.videoFrames).toBe(96);
  });

  it('gives the mini engine the timesteps of --steps', async () => {
    const { result } = await runScript(
      { segments, policy: { name: 'self-forcing' }, steps: 2, size: { width: 64, height: 36 } },
      createCollectSink(),
    );
    expect(result.engine.info.denoisingSteps).toEqual([1000, 500]);
  });

  it('refuses agents for a policy that takes none, and resolves them for one that does', async () => {
    const spec = (name: string): RunSpecInput => ({
      segments,
      policy: { name, agents: { syncVerify: true } },
      engine: () => createFakeEngine(),
    });
    await expect(runScript(spec('memflow'), createCollectSink())).rejects.toThrow(
      "policy 'memflow' takes no agents",
    );
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-run-'));
    const { runJson } = await runScript(
      spec('iamflow'),
      createRunDirSink({ dir, createEncoder: fakeEncoder }),
    );
    expect(runJson?.policy.settings).toEqual({
      llm: { provider: 'rules', model: 'rules-v1' },
      vlm: { provider: 'pixel' },
      syncVerify: true,
    });
    expect(runJson?.policy.snapshot).toMatchObject({ settings: { syncVerify: true, seed: 1 } });
  });
});

describe('runScript isolation', () => {
  it('gives the policy an engine view without the render record, and writes render.jsonl only after the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-isolation-'));
    const seen: string[] = [];
    let context: PolicyContext | undefined;
    const probe: PolicyRegistration = {
      name: 'probe',
      summary: 'looks for the render record',
      takesAgents: false,
      create: (given): MemoryPolicy => {
        context = given;
        return {
          specificationVersion: 'v1',
          name: 'probe',
          transition: 'swap',
          async onChunkEnd({ chunk }) {
            const files = readdirSync(dir).filter((name) => name.startsWith('render'));
            seen.push(`${chunk.chunk}:${files.join(',')}`);
          },
        };
      },
    };
    const { runJson } = await runScript(
      { segments, policy: { name: 'probe' }, engine: () => createFakeEngine() },
      createRunDirSink({ dir, createEncoder: fakeEncoder }),
      { policies: [...policyRegistrations, probe] },
    );
    // No render record on disk, under any name, while the policy runs.
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => `${i}:`));
    expect(readFileSync(join(dir, 'render.jsonl'), 'utf8').trim().split('\n')).toHaveLength(96);
    expect(runJson?.outputs.renderRecord).toBe('render.jsonl');
    // The view is a separate object with the bank primitives only: the engine is not reachable through it.
    // @ts-expect-error the view's type has no render record either
    expect(context!.engine.renderRecord).toBeUndefined();
    const engine = context!.engine as unknown as Record<string, unknown>;
    expect('renderRecord' in engine).toBe(false);
    expect(engine.renderRecord).toBeUndefined();
    for (const name of ['generateChunk', 'decodeChunk', 'recache', 'release', 'costs'])
      expect(engine[name]).toBeUndefined();
    expect(Object.keys(engine).sort()).toEqual(
      ['dropFrame', 'info', 'modelId', 'provider', 'setBank', 'specificationVersion', 'storeFrame'].sort(),
    );
    expect(Object.getPrototypeOf(engine)).toBe(Object.prototype);
    expect(Object.isFrozen(engine)).toBe(true);
  });
});

describe('runScript through the two front ends', () => {
  it('gives byte-identical video.mp4 and render.jsonl from iamflow generate and the bench runner', {
    timeout: 120_000,
  }, async () => {
    const { generateCommand } = await import('../cli/commands/generate.js');
    const { runCli } = await import('../cli/__fixtures__/cli-harness.js');
    const { runBench } = await import('../bench/runner/run-bench.js');
    const { runDirName } = await import('../bench/runner/plan-runs.js');
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-identical-'));
    const suite = join(dir, 'suite.jsonl');
    const script = {
      id: 'identical-001',
      dimension: 'reappearance',
      prompts: segments.map((segment) => segment.prompt),
      seconds: [2, 2],
      characters: { ravi: { aliases: ['Ravi', 'a tall man', 'he'], attrs: ['gray coat'] } },
      present: [['ravi'], ['ravi']],
    };
    writeFileSync(suite, `${JSON.stringify(script)}\n`);
    const generated = join(dir, 'generate');
    const cli = await runCli(
      [
        'generate',
        suite,
        '--out',
        generated,
        '--policy',
        'iamflow',
        '--seed',
        '3',
        '--size',
        '128x72',
        '--quiet',
      ],
      // No IAMFLOW_* agents from the environment: the bench takes none either.
      { commands: [generateCommand], env: {} },
    );
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const results = join(dir, 'bench');
    const summary = await runBench({
      suite,
      out: results,
      policies: ['iamflow'],
      seed: 3,
      width: 128,
      height: 72,
      workers: 0,
    });
    expect(summary).toMatchObject({ done: 1, failed: 0 });
    const benched = join(
      results,
      runDirName({ scriptId: 'identical-001', policy: 'iamflow', seed: 3, width: 128, height: 72, steps: 4 }),
    );
    for (const file of ['video.mp4', 'render.jsonl']) {
      const a = readFileSync(join(generated, file));
      const b = readFileSync(join(benched, file));
      expect(a.length, file).toBeGreaterThan(0);
      expect(a.equals(b), file).toBe(true);
    }
    const [fromGenerate, fromBench] = [generated, benched].map((folder) =>
      runJsonSchema.parse(JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8'))),
    );
    expect(fromBench!.engine.config).toEqual(fromGenerate!.engine.config);
    expect(fromBench!.policy.settings).toEqual(fromGenerate!.policy.settings);
    expect(fromBench!.timeline).toEqual(fromGenerate!.timeline);
    // The bench writes no keyframes; generate does.
    expect(fromBench!.outputs.keyframes).toEqual([]);
    expect(existsSync(join(generated, 'keyframes', 'prompt-01.png'))).toBe(true);
  });
});
