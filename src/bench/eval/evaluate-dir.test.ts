import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../../cli/commands/eval.js';
import { createMp4Encoder } from '../../video/mp4-encoder.js';
import { annotations, craftVideo, timeline } from './__fixtures__/craft-video.js';
import { evaluateNarraStreamDir } from './evaluate-narrastream-dir.js';
import { evaluateRunDir } from './evaluate-run-dir.js';

const root = mkdtempSync(join(tmpdir(), 'iamflow-eval-'));
const run = join(root, 'run');
const runJson = {
  script: {
    prompts: timeline.segments.map((s) => s.prompt),
    seconds: [2.5, 2.5, 2.5, 2.5],
    fps: 16,
    annotations,
  },
  timeline,
  policy: { name: 'test' },
};

beforeAll(async () => {
  mkdirSync(run, { recursive: true });
  writeFileSync(join(run, 'run.json'), JSON.stringify(runJson));
  const encoder = createMp4Encoder({
    path: join(run, 'video.mp4'),
    width: 128,
    height: 96,
    fps: 16,
    crf: 12,
  });
  for (const frame of craftVideo()) await encoder.write(frame);
  await encoder.close();
});

describe('evaluateRunDir', () => {
  it('scores a decoded MP4 run folder like the frames it was made from', async () => {
    const report = await evaluateRunDir(run, { width: 128 });
    expect(report.metrics.duplication).toBeGreaterThan(90);
    expect(report.metrics.entityGrounding).toBeGreaterThan(80);
    expect(report.metrics.identitySwaps).toBeGreaterThan(90);
    expect(report.oracle).toBeUndefined();
  });

  it('rejects a folder without video.mp4 or with a corrupt one, with exit code 2', async () => {
    const noVideo = join(root, 'no-video');
    mkdirSync(noVideo);
    writeFileSync(join(noVideo, 'run.json'), JSON.stringify(runJson));
    await expect(evaluateRunDir(noVideo)).rejects.toMatchObject({
      exitCode: 2,
      issues: [{ code: 'video-missing' }],
    });
    const corrupt = join(root, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'run.json'), JSON.stringify(runJson));
    writeFileSync(join(corrupt, 'video.mp4'), 'not an mp4 at all');
    await expect(evaluateRunDir(corrupt)).rejects.toMatchObject({
      exitCode: 2,
      issues: [{ code: 'video-unreadable' }],
    });
    await expect(evaluateRunDir(join(root, 'nothing'))).rejects.toMatchObject({
      exitCode: 2,
      issues: [{ code: 'run-json-missing' }],
    });
  });
});

describe('evaluateNarraStreamDir', () => {
  it('scores good samples and reports bad ones one by one', async () => {
    const dir = join(root, 'narrastream');
    mkdirSync(join(dir, 'video'), { recursive: true });
    const line = JSON.stringify({
      prompts: runJson.script.prompts,
      seconds: runJson.script.seconds,
      ...annotations,
    });
    writeFileSync(join(dir, 'prompt.jsonl'), `${line}\n${line}\n{"prompts": oops\n${line}\n`);
    const encoder = createMp4Encoder({
      path: join(dir, 'video', 'sample_0.mp4'),
      width: 128,
      height: 96,
      fps: 16,
    });
    for (const frame of craftVideo()) await encoder.write(frame);
    await encoder.close();
    writeFileSync(join(dir, 'video', 'sample_1.mp4'), 'garbage');
    writeFileSync(join(dir, 'video', 'sample_7.mp4'), 'no line for me');
    const report = await evaluateNarraStreamDir(dir, { width: 128 });
    expect(report.samples.map((sample) => sample.error?.code ?? 'ok')).toEqual([
      'ok',
      'video-unreadable',
      'invalid-json',
      'video-missing',
    ]);
    expect(report.samples[0]!.report!.metrics.entityGrounding).toBeGreaterThan(80);
    expect(report.summary).toMatchObject({ scored: 1, failed: 3 });
    expect(report.warnings.join(' ')).toMatch(/sample_7/);
  });
});

describe('iamflow eval', () => {
  const context = (positionals: string[], values: Record<string, string | boolean> = {}) => {
    let out = '';
    return {
      context: {
        values,
        positionals,
        stdout: {
          write: (text: string) => {
            out += text;
            return true;
          },
        } as unknown as NodeJS.WritableStream,
        stderr: { write: () => true } as unknown as NodeJS.WritableStream,
        cwd: root,
        env: {},
      },
      output: () => out,
    };
  };

  it('prints the report as JSON with --json', async () => {
    const { context: ctx, output } = context(['run'], { json: true });
    expect(await evalCommand.run(ctx)).toBe(0);
    const parsed = JSON.parse(output());
    expect(Object.keys(parsed).slice(0, 3)).toEqual(['total', 'dimensions', 'metrics']);
    expect(Object.keys(parsed.dimensions)).toEqual(['quality', 'temporal', 'instruction']);
    expect(parsed.features).toEqual({ name: 'embedded' });
  });

  it('fails with exit code 2 on a folder without video and on half a judge', async () => {
    await expect(evalCommand.run(context(['no-video']).context)).rejects.toMatchObject({ exitCode: 2 });
    await expect(
      evalCommand.run(context(['run'], { 'judge-url': 'http://x' }).context),
    ).rejects.toMatchObject({
      exitCode: 2,
      issues: [{ code: 'judge-incomplete' }],
    });
    await expect(evalCommand.run(context(['run'], { features: 'clip' }).context)).rejects.toMatchObject({
      exitCode: 2,
      issues: [{ code: 'features-invalid' }],
    });
  });
});
