import { describe, expect, it } from 'vitest';
import { createMiniEngine } from '../../engine/mini/mini-engine.js';
import type { EngineServer } from '../../engine/protocol/serve-engine.js';
import { createFakeEngine } from '../../pipeline/__fixtures__/fake-engine.js';
import { runCli } from '../__fixtures__/cli-harness.js';
import { createEngineCommand, engineCommand } from './engine.js';

/** `engine serve` on a free port that runs `check` against itself, then stops. */
function serveThenCheck(
  createEngine: Parameters<typeof createEngineCommand>[0]['createEngine'],
  token?: string,
) {
  let checked: { code: number; stdout: string; stderr: string } | undefined;
  const command = createEngineCommand({
    createEngine,
    waitForStop: async (server: EngineServer) => {
      checked = await runCli(['engine', 'check', server.url, ...(token ? ['--token', token] : [])], {
        commands: [engineCommand],
        env: {},
      });
    },
  });
  return { command, checked: () => checked! };
}

describe('iamflow engine', () => {
  it('serves the mini engine and check reports every case passing', async () => {
    const { command, checked } = serveThenCheck(() => createMiniEngine({ width: 64, height: 36 }), 'sesame');
    const served = await runCli(['engine', 'serve', '--port', '0', '--token', 'sesame'], {
      commands: [command],
    });
    expect(served.code).toBe(0);
    expect(served.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
    const report = checked();
    expect(report.stdout).toMatch(/PASS {2}stores, banks and drops frames/);
    expect(report.stdout).toMatch(/9\/9 cases passed: .* conforms to iamflow-engine\/1/);
    expect(report.code).toBe(0);
  });

  it('check exits 1 and names the failing case and why', async () => {
    // An engine whose costs never grow breaks the cost and recache cases.
    const frozen = () => ({
      ...createFakeEngine(),
      costs: () => ({
        generatedFrames: 0,
        denoisingPasses: 0,
        contextPasses: 0,
        recachedFrames: 0,
        attentionOps: 0,
        decodedFrames: 0,
      }),
    });
    const { command, checked } = serveThenCheck(frozen);
    await runCli(['engine', 'serve', '--port', '0'], { commands: [command] });
    const report = checked();
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(
      /FAIL {2}costs grow monotonically with work \(\d+ ms\)\n {8}generatedFrames/,
    );
    expect(report.stdout).toMatch(/PASS {2}is unusable after release/);
    expect(report.stdout).toMatch(/does not conform/);
  });

  it('check --json prints the report as data', async () => {
    let json = '';
    const command = createEngineCommand({
      createEngine: () => createFakeEngine(),
      waitForStop: async (server) => {
        json = (await runCli(['engine', 'check', server.url, '--json'], { commands: [engineCommand] }))
          .stdout;
      },
    });
    await runCli(['engine', 'serve', '--port', '0'], { commands: [command] });
    expect(JSON.parse(json)).toMatchObject({ passed: true, engine: 'fake/fake-v1, 8x6' });
  });

  it('refuses a non-loopback host without a token, and an unreachable server, with hints', async () => {
    const open = await runCli(['engine', 'serve', '--host', '0.0.0.0'], {
      commands: [engineCommand],
      env: {},
    });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('0.0.0.0 is not a loopback interface and no token is set');
    const gone = await runCli(['engine', 'check', 'http://127.0.0.1:9', '--timeout', '2000'], {
      commands: [engineCommand],
      env: {},
    });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/engine-unreachable|network error/);
    expect(gone.stderr).toContain('hint: check that the engine server runs');
    const bad = await runCli(['engine', 'check', 'ftp://x'], { commands: [engineCommand] });
    expect(bad).toMatchObject({ code: 2 });
  });
});
