import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveEngine } from '../engine/protocol/serve-engine.js';
import { runJsonSchema } from '../pipeline/run-json.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import { createMiniEngineFactory, runScript } from './run-script.js';
import type { RunSpecInput } from './run-spec.js';

// The miniature engine behind a real HTTP server on a free loopback port, as `iamflow engine serve` runs it.
const server = await serveEngine({
  port: 0,
  token: 'sesame',
  createEngine: ({ width = 480, height = 270, seed = 1, fps = 16, steps = 4 }) =>
    createMiniEngineFactory()({ width, height, seed, fps, steps }),
});
afterAll(() => server.close());

const script = {
  id: 'remote-001',
  dimension: 'reappearance',
  prompts: [
    'Ravi, a tall man in a gray coat, waits at the station.',
    'A young woman with red hair reads a book in the park.',
    'Ravi walks along the river in his gray coat.',
  ],
  seconds: [1.5, 1.5, 1.5],
};
const remote = { provider: 'remote', url: server.url, token: 'sesame' } as const;
const files = ['video.mp4', 'render.jsonl'];

describe('a remote run', () => {
  it.each([
    ['iamflow', {}],
    ['memflow', { transition: 'soft' }],
  ] as const)(
    'is byte-identical to a local run of the same engine, seed and script (%s)',
    async (policy, extra) => {
      const dir = mkdtempSync(join(tmpdir(), 'iamflow-remote-run-'));
      const spec: RunSpecInput = {
        segments: script.prompts.map((prompt, index) => ({ prompt, seconds: script.seconds[index]! })),
        policy: { name: policy },
        seed: 7,
        size: { width: 128, height: 72 },
        ...extra,
      };
      await runScript(spec, createRunDirSink({ dir: join(dir, 'local') }));
      await runScript({ ...spec, engine: remote }, createRunDirSink({ dir: join(dir, 'remote') }));
      for (const file of files) {
        const a = readFileSync(join(dir, 'local', file));
        expect(a.length, file).toBeGreaterThan(0);
        expect(a.equals(readFileSync(join(dir, 'remote', file))), file).toBe(true);
      }
      const runJson = runJsonSchema.parse(JSON.parse(readFileSync(join(dir, 'remote', 'run.json'), 'utf8')));
      // The remote engine names the server's engine: the miniature one behind `engine serve`.
      const mini = createMiniEngineFactory()({ width: 32, height: 18, seed: 1, fps: 16, steps: 4 });
      expect(runJson.engine).toMatchObject({ provider: 'remote', modelId: `mini/${(await mini).modelId}` });
      await (await mini).release();
      expect(runJson.engine.config).toMatchObject({ url: server.url });
      expect(JSON.stringify(runJson)).not.toContain('sesame');
    },
  );

  it('runs through iamflow generate --engine and iamflow bench --engine with the same bytes', {
    timeout: 120_000,
  }, async () => {
    const { generateCommand } = await import('../cli/commands/generate.js');
    const { benchCommand } = await import('../cli/commands/bench.js');
    const { runCli } = await import('../cli/__fixtures__/cli-harness.js');
    const { runDirName } = await import('../bench/runner/plan-runs.js');
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-remote-cli-'));
    const suite = join(dir, 'suite.jsonl');
    writeFileSync(suite, `${JSON.stringify(script)}\n`);
    const common = ['--seed', '3', '--size', '128x72', '--quiet'];
    const env = { IAMFLOW_ENGINE_TOKEN: 'sesame' };
    const local = await runCli(
      ['generate', suite, '--out', join(dir, 'local'), '--policy', 'longlive', ...common],
      {
        commands: [generateCommand],
        env: {},
      },
    );
    const viaGenerate = await runCli(
      [
        'generate',
        suite,
        '--out',
        join(dir, 'remote'),
        '--policy',
        'longlive',
        '--engine',
        server.url,
        ...common,
      ],
      { commands: [generateCommand], env },
    );
    const viaBench = await runCli(
      [
        'bench',
        '--suite',
        suite,
        '--out',
        join(dir, 'bench'),
        '--policies',
        'longlive',
        '--workers',
        '0',
        '--engine',
        server.url,
        ...common,
      ],
      { commands: [benchCommand], env },
    );
    for (const result of [local, viaGenerate, viaBench])
      expect(result).toMatchObject({ code: 0, stderr: '' });
    const benched = join(
      dir,
      'bench',
      runDirName({ scriptId: 'remote-001', policy: 'longlive', seed: 3, width: 128, height: 72, steps: 4 }),
    );
    for (const file of files) {
      const a = readFileSync(join(dir, 'local', file));
      expect(a.equals(readFileSync(join(dir, 'remote', file))), file).toBe(true);
      expect(a.equals(readFileSync(join(benched, file))), file).toBe(true);
    }
  });

  it('fails with a located error when the server is not there', async () => {
    const spec: RunSpecInput = {
      segments: [{ prompt: 'Ravi waits.', seconds: 1 }],
      engine: { provider: 'remote', url: 'http://127.0.0.1:9', timeoutMs: 2000 },
    };
    await expect(
      runScript(spec, createRunDirSink({ dir: mkdtempSync(join(tmpdir(), 'iamflow-remote-')) })),
    ).rejects.toThrow(/remote engine POST http:\/\/127\.0\.0\.1:9\/v1\/sessions: engine-unreachable/);
  });
});
