import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicyName } from '../../memory/policy-registry.js';
import { createFakeEngine } from '../../pipeline/__fixtures__/fake-engine.js';
import { runJsonSchema } from '../../pipeline/run-json.js';
import { fakeDependencies, runCli, scriptFolder } from '../__fixtures__/cli-harness.js';
import { createGenerateCommand } from './generate.js';
import { parseSize } from './generate-flags.js';

describe('iamflow generate: input errors (exit 2, nothing generated)', () => {
  it('rejects an unknown policy, listing the known ones', async () => {
    const { dir, script } = scriptFolder();
    const { code, stderr } = await runCli([
      'generate',
      script,
      '--out',
      join(dir, 'out'),
      '--policy',
      'magic',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: --policy: unknown policy 'magic'\n {2}hint: use one of: self-forcing, longlive, memflow/,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names a missing script', async () => {
    const { dir } = scriptFolder();
    const { code, stderr } = await runCli(['generate', 'nope.jsonl', '--out', 'out'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: nope\.jsonl: /);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('rejects an --out below a file', async () => {
    const { dir, script } = scriptFolder();
    writeFileSync(join(dir, 'file'), 'keep me');
    const { code, stderr } = await runCli(['generate', script, '--out', join(dir, 'file', 'out')]);
    expect(code).toBe(2);
    expect(stderr).toContain('a part of the path is a file, not a folder');
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('keep me');
  });

  it('rejects an --out that is a file', async () => {
    const { dir, script } = scriptFolder();
    const { code, stderr } = await runCli(['generate', script, '--out', script]);
    expect(code).toBe(2);
    expect(stderr).toContain('exists and is not a folder');
    expect(readFileSync(script, 'utf8')).toContain('Ravi waits.');
    expect(dir).toBeTruthy();
  });

  it('collects every flag problem at once', async () => {
    const { code, stderr } = await runCli([
      'generate',
      '--size',
      '481x270',
      '--seed',
      'abc',
      '--transition',
      'fade',
    ]);
    expect(code).toBe(2);
    expect(stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([
      'error: generate: no script given',
      'error: --out: no output folder given',
      "error: --transition: unknown transition 'fade'",
      'error: --size: 481 is not an even number of pixels in range',
      "error: --seed: 'abc' is not a whole number from 0 to 4294967295",
    ]);
  });

  it('rejects a curve without a soft transition, and an unknown curve', async () => {
    const { dir, script } = scriptFolder();
    const lines = async (...flags: string[]) =>
      (await runCli(['generate', script, '--out', join(dir, 'o'), ...flags])).stderr.split('\n')[0];
    expect(await lines('--curve', 'linear')).toBe('error: --curve: only applies to --transition soft');
    expect(await lines('--transition', 'soft', '--curve', 'wobbly')).toBe(
      "error: --curve: unknown curve 'wobbly'",
    );
  });

  it.each([
    ['480x270', { width: 480, height: 270 }],
    ['64X64', { width: 64, height: 64 }],
    ['1922x100', 'invalid-flag'],
    ['62x100', 'invalid-flag'],
    ['480 270', 'invalid-flag'],
  ])('parses size %s', (text, expected) => {
    const parsed = parseSize(text);
    expect('code' in parsed ? parsed.code : parsed).toEqual(expected);
  });
});

describe('iamflow generate: a run (fake engine and encoder)', () => {
  it('writes video, render record, keyframes and a schema-valid run.json, keeping other files', async () => {
    const { dir, script } = scriptFolder();
    const out = join(dir, 'out');
    await runCli(['generate', script, '--out', out, '--quiet', '--size', '64x64']);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const { code, stdout, stderr } = await runCli([
      ...['generate', script, '--out', out, '--json', '--policy', 'memflow'],
      ...['--transition', 'soft', '--curve', 'linear'],
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      out,
      video: join(out, 'video.mp4'),
      frames: 96,
      seconds: 6,
      policy: 'memflow',
    });
    expect(readdirSync(out).sort()).toEqual([
      'characters',
      'characters.json',
      'keyframes',
      'notes.txt',
      'render.jsonl',
      'run.json',
      'video.mp4',
    ]);
    expect(readFileSync(join(out, 'video.mp4'), 'utf8')).toBe('frames 96\n');
    expect(readdirSync(join(out, 'keyframes'))).toEqual(['prompt-01.png', 'prompt-02.png']);
    expect(readFileSync(join(out, 'render.jsonl'), 'utf8').trim().split('\n')).toHaveLength(96);
    const runJson = runJsonSchema.parse(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')));
    expect(runJson.policy.name).toBe('memflow');
    expect(runJson.engine.config).toEqual({ width: 480, height: 270, seed: 1, fps: 16, steps: 4 });
    expect(runJson.outputs.keyframes).toEqual(['keyframes/prompt-01.png', 'keyframes/prompt-02.png']);
    expect(runJson.costs.switches).toHaveLength(1);
    expect(runJson.costs.switches[0]!.schedule?.curve).toBe('linear');
    expect(runJson.policy.transition).toBe('soft');
    expect(runJson.policy.memoryTopK).toBeNull();
    // The first run's character pictures went with it: memflow keeps no registry.
    expect(readdirSync(join(out, 'characters'))).toEqual([]);
  });

  it('draws a progress bar on a TTY stderr and a summary line on stdout; --quiet silences both', async () => {
    const { dir, script } = scriptFolder();
    const loud = await runCli(
      ['generate', script, '--out', join(dir, 'a'), '--transition', 'soft', '--size', '64x64'],
      {
        tty: true,
      },
    );
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain('8/8 chunks');
    expect(loud.stdout).toMatch(/^wrote .*video\.mp4: 6\.0 s \(96 frames\) in .*x real time, policy \S+\n$/);
    expect(loud.stdout.endsWith(`policy ${defaultPolicyName}\n`)).toBe(true);
    const quiet = await runCli(['generate', script, '--out', join(dir, 'b'), '--quiet', '--size', '64x64'], {
      tty: true,
    });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr + quiet.stdout).toBe('');
  });

  it('leaves the previous run intact and no partial files when a run fails', async () => {
    const { dir, script } = scriptFolder();
    const out = join(dir, 'out');
    const flags = ['--policy', 'longlive', '--size', '64x64'];
    expect((await runCli(['generate', script, '--out', out, '--quiet', ...flags])).code).toBe(0);
    const before = ['run.json', 'render.jsonl', 'keyframes/prompt-01.png'].map((f) =>
      readFileSync(join(out, f)),
    );
    const failing = fakeDependencies();
    failing.createEngine = () => {
      const engine = createFakeEngine();
      const generate = engine.generateChunk.bind(engine);
      engine.generateChunk = async (options) => {
        if (engine.calls.filter((c) => c.startsWith('generate')).length === 5) throw new Error('device lost');
        return generate(options);
      };
      return engine;
    };
    const { code, stderr } = await runCli(['generate', script, '--out', out, '--seed', '2', ...flags], {
      commands: [createGenerateCommand(failing)],
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: device lost\nhint: this is unexpected; rerun with --verbose to see the details\n',
    );
    const after = ['run.json', 'render.jsonl', 'keyframes/prompt-01.png'].map((f) =>
      readFileSync(join(out, f)),
    );
    expect(after).toEqual(before);
    expect(readdirSync(out).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
