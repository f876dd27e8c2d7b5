import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMiniEngine } from '../../engine/mini/mini-engine.js';
import { encodePng } from '../../frame/encode-png.js';

// The real CLI (through tsx, no build needed), the real mini engine and ffmpeg, at a small size. Segments of 40
// frames (chunks are 12) so kills land before, inside and across segment boundaries.
const main = resolve('src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'iamflow-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = join(dir, 'three.jsonl');
writeFileSync(
  script,
  `${JSON.stringify({
    id: 'resume-three',
    prompts: [
      'Nora, a woman in a yellow coat, walks in the park.',
      'Ravi, a man in a red jacket, waves in the street.',
      'Nora and Ravi sit on a bench in the park.',
    ],
    seconds: [3, 3, 3],
  })}\n`,
);

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs `iamflow ARGS`; with `killAfterMs`, sends SIGKILL from outside that long after `watch` (a checkpoint file)
 * first exists, so the kill lands at a random point of a run that can be resumed.
 */
function iamflow(
  args: string[],
  env: Record<string, string> = {},
  killAfterMs?: number,
  watch?: string,
): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
      env: { ...process.env, IAMFLOW_SEGMENT_FRAMES: '40', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (data) => {
      stderr += String(data);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll =
      killAfterMs === undefined
        ? undefined
        : setInterval(() => {
            if (watch !== undefined && !existsSync(watch)) return;
            clearInterval(poll);
            timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          }, 20);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      done({ code, signal, stderr });
    });
  });
}

const size = ['--size', '96x64', '--quiet'];
const generate = (out: string, policy: string, from = script) => [
  'generate',
  from,
  '--out',
  out,
  '--policy',
  policy,
  ...size,
];
const read = (out: string) => ({
  video: readFileSync(join(out, 'video.mp4')),
  render: readFileSync(join(out, 'render.jsonl')),
});

/** Kills a run as `kills` say (one after the other, resuming in between), then resumes it to the end. */
async function killAndResume(out: string, policy: string, kills: Array<string | number>, from = script) {
  const outcomes: string[] = [];
  for (const [index, kill] of kills.entries()) {
    const resume = index > 0 && existsSync(join(out, '.checkpoint', 'checkpoint.json'));
    const args = resume ? ['generate', '--resume', out, '--quiet'] : generate(out, policy, from);
    const exit =
      typeof kill === 'string'
        ? await iamflow(args, { IAMFLOW_TEST_KILL_AT: kill })
        : await iamflow(args, {}, kill, join(out, '.checkpoint', 'checkpoint.json'));
    outcomes.push(`${kill}: ${exit.signal ?? exit.code}`);
  }
  const checkpointed = existsSync(join(out, '.checkpoint', 'checkpoint.json'));
  // A kill before the first checkpoint leaves nothing to resume: the run is started again.
  const last = await iamflow(
    checkpointed ? ['generate', '--resume', out, '--quiet'] : generate(out, policy, from),
  );
  expect(last.stderr).toBe('');
  expect(last.code).toBe(0);
  expect(existsSync(join(out, '.checkpoint'))).toBe(false);
  return { outcomes, resumed: checkpointed };
}

describe('iamflow generate --resume after kill -9 (mini engine, ffmpeg)', { timeout: 600_000 }, () => {
  const reference: Record<string, { video: Buffer; render: Buffer }> = {};

  it('makes the uninterrupted reference runs', async () => {
    for (const policy of ['iamflow', 'memflow']) {
      const out = join(dir, `${policy}-reference`);
      const exit = await iamflow(generate(out, policy));
      expect(exit.stderr).toBe('');
      expect(exit.code).toBe(0);
      reference[policy] = read(out);
      expect(reference[policy]!.render.toString().trim().split('\n')).toHaveLength(144);
    }
  });

  // Each case: the kill points, in order (a number is an outside SIGKILL after that many ms).
  const cases: Array<[string, string, Array<string | number>]> = [
    ['iamflow', 'during a checkpoint write (half of checkpoint.json written)', ['checkpoint-write:3']],
    ['iamflow', 'mid-chunk (generated, not yet written)', ['chunk:5']],
    ['iamflow', 'mid-chunk output (half the frames sent to ffmpeg)', ['frames:7']],
    ['iamflow', 'mid-encode (a segment drained into ffmpeg, not closed)', ['segment-close:2']],
    ['iamflow', 'before the final join (all chunks checkpointed)', ['commit:1']],
    ['iamflow', 'in the final join, after the keyframes were moved into place', ['keyframes-placed:1']],
    [
      'iamflow',
      'three kills in a row, resuming in between',
      ['chunk:2', 'checkpoint-write:3', 'segment-close:1'],
    ],
    [
      'iamflow',
      'from outside at random times (0-2 s after a checkpoint exists)',
      [Math.floor(Math.random() * 2000), Math.floor(Math.random() * 2000), Math.floor(Math.random() * 2000)],
    ],
    ['memflow', 'mid-chunk output and during a checkpoint write', ['frames:4', 'checkpoint-write:5']],
  ];
  for (const [policy, what, kills] of cases) {
    it(`${policy}: killed ${what}, resumed: video.mp4 and render.jsonl are byte-identical`, async () => {
      const out = join(dir, `${policy}-${kills.join('-').replaceAll(':', '')}`);
      const { outcomes, resumed } = await killAndResume(out, policy, kills);
      console.log(`${policy} ${what}: ${outcomes.join(', ')}; ${resumed ? 'resumed' : 'started again'}`);
      const { video, render } = read(out);
      expect(video.equals(reference[policy]!.video)).toBe(true);
      expect(render.equals(reference[policy]!.render)).toBe(true);
    });
  }

  it('a video started from a picture (longlive, image-to-video): killed mid-chunk, resumed byte-identical', async () => {
    const source = createMiniEngine({ seed: 9, width: 96, height: 64 });
    await source.generateChunk({
      prompt: await source.encodePrompt('Nora, a woman in a yellow coat, walks.'),
    });
    writeFileSync(join(dir, 'opening.png'), encodePng((await source.decodeChunk(0))[0]!));
    await source.release();
    const started = join(dir, 'started.jsonl');
    const line = JSON.parse(readFileSync(script, 'utf8'));
    writeFileSync(
      started,
      `${JSON.stringify({ ...line, id: 'resume-started', startImage: 'opening.png' })}\n`,
    );
    const whole = join(dir, 'started-reference');
    expect((await iamflow(generate(whole, 'longlive', started))).code).toBe(0);
    const out = join(dir, 'started-killed');
    const { resumed } = await killAndResume(out, 'longlive', ['chunk:5'], started);
    expect(resumed).toBe(true);
    expect(read(out).video.equals(read(whole).video)).toBe(true);
    expect(read(out).render.equals(read(whole).render)).toBe(true);
    for (const folder of [whole, out]) {
      const runJson = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8'));
      expect(runJson.startImage).toEqual({ path: 'opening.png', use: 'sink' });
    }
    // The picture made a difference: the same script without it gives another video.
    const plain = join(dir, 'started-plain');
    expect((await iamflow(generate(plain, 'longlive'))).code).toBe(0);
    expect(read(whole).video.equals(read(plain).video)).toBe(false);
  });

  it('refuses a mismatched or damaged checkpoint with a located error (exit 2)', async () => {
    const out = join(dir, 'refused');
    await iamflow(generate(out, 'memflow'), { IAMFLOW_TEST_KILL_AT: 'chunk:4' });
    const checkpoint = join(out, '.checkpoint', 'checkpoint.json');
    expect(existsSync(checkpoint)).toBe(true);

    const seed = await iamflow([
      'generate',
      script,
      '--resume',
      out,
      '--policy',
      'memflow',
      '--seed',
      '8',
      ...size,
    ]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain(
      'checkpoint.json: seed: the checkpoint was written with seed 1, this run has 8',
    );

    const policy = await iamflow(['generate', script, '--resume', out, '--policy', 'longlive', ...size]);
    expect(policy.code).toBe(2);
    expect(policy.stderr).toContain('checkpoint.json: policy');

    const text = readFileSync(checkpoint, 'utf8');
    writeFileSync(checkpoint, text.slice(0, text.length / 2));
    const cut = await iamflow(['generate', '--resume', out]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain(`${checkpoint}: not JSON`);
    expect(cut.stderr).not.toMatch(/\n\s+at /); // no stack trace

    writeFileSync(checkpoint, text.replace('"iamflow-checkpoint"', '"other"'));
    const other = await iamflow(['generate', '--resume', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`${checkpoint}: format`);

    const none = await iamflow(['generate', '--resume', join(dir, 'nothing-here')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no checkpoint to resume');
  });
});
