import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJsonSchema } from '../../pipeline/run-json.js';
import { probeVideo } from '../../video/index.js';
import { runCli, scriptFolder } from '../__fixtures__/cli-harness.js';
import { generateCommand } from './generate.js';

describe('iamflow generate end to end (mini engine, ffmpeg)', () => {
  it('writes a playable H.264 MP4, keyframes, render record and run.json for a 2-prompt script', async () => {
    const { dir, script } = scriptFolder();
    const out = join(dir, 'out');
    const { code, stdout, stderr } = await runCli(
      ['generate', script, '--out', out, '--size', '160x90', '--policy', 'memflow', '--json'],
      { commands: [generateCommand] },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ frames: 96, seconds: 6, policy: 'memflow' });
    expect(readdirSync(join(out, 'keyframes'))).toEqual(['prompt-01.png', 'prompt-02.png']);
    expect(existsSync(join(out, 'video.mp4.part'))).toBe(false);
    const video = await probeVideo(join(out, 'video.mp4'));
    expect(video).toMatchObject({ width: 160, height: 90, fps: 16, codec: 'h264' });
    const run = runJsonSchema.parse(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')));
    expect(run.engine.provider).toBe('mini');
    expect(run.chunks).toHaveLength(8);
    expect(run.costs.switches[0]!.transitionCosts.recachedFrames).toBeGreaterThan(0);
    const records = readFileSync(join(out, 'render.jsonl'), 'utf8').trim().split('\n');
    expect(records).toHaveLength(96);
    expect(JSON.parse(records[0]!)).toMatchObject({ frame: 0, latentFrame: 0 });
  });
});
