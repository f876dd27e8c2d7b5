import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { benchCommand } from './bench.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, read: () => text };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], cwd: string) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    cwd,
    commands: [benchCommand],
  });
  return { code, stdout: stdout.read(), stderr: stderr.read() };
}

const nora = {
  aliases: ['Nora', 'she'],
  attrs: ['red hair', 'yellow raincoat'],
};
// Three short annotated scripts of two dimensions (1 s per prompt keeps the test to seconds).
const suite = [
  {
    id: 'reappearance-a',
    dimension: 'reappearance',
    seconds: [1, 1, 1],
    prompts: [
      'Nora, a woman with red hair in a yellow raincoat, walks in the park.',
      'An empty park bench in the rain.',
      'Nora walks back into the park in her yellow raincoat.',
    ],
    characters: { nora },
    present: [['nora'], [], ['nora']],
  },
  {
    id: 'reappearance-b',
    dimension: 'reappearance',
    seconds: [1, 1, 1],
    prompts: ['Nora reads in the library.', 'The empty library.', 'Nora reads again.'],
    characters: { nora },
    present: [['nora'], [], ['nora']],
  },
  {
    id: 'scene-change-a',
    dimension: 'scene-change',
    seconds: [1, 1, 1],
    prompts: [
      'Nora, in a yellow raincoat, walks along a street.',
      'Nora enters a cafe.',
      'Nora sits by the cafe window.',
    ],
    characters: { nora },
    present: [['nora'], ['nora'], ['nora']],
  },
];

describe('iamflow bench speed', () => {
  it('prints exactly the issue-10 JSON: runs per script and configuration, ratios to longlive, medians', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-speed-cli-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'suite.jsonl'), suite.map((line) => JSON.stringify(line)).join('\n'));
    const argv = ['bench', 'speed', '--suite', 'suite.jsonl', '--scripts', '2', '--size', '64x64'];
    const { code, stdout } = await run([...argv, '--policies', 'longlive,iamflow', '--json', '--quiet'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['runs', 'summary']);
    // one script per dimension first: the second script is the scene-change one, not reappearance-b
    expect(
      report.runs.map((run: { script: string; policy: string }) => `${run.script}:${run.policy}`),
    ).toEqual([
      'reappearance-a:longlive',
      'reappearance-a:iamflow',
      'scene-change-a:longlive',
      'scene-change-a:iamflow',
    ]);
    for (const entry of report.runs) {
      expect(Object.keys(entry).sort()).toEqual(
        [
          'criticalPathAgentSeconds',
          'oracleLongRange',
          'policy',
          'ratioToLonglive',
          'realtimeFactor',
          'script',
          'variant',
          'wallSeconds',
        ].sort(),
      );
      expect(entry.wallSeconds).toBeGreaterThan(0);
      expect(entry.realtimeFactor).toBeCloseTo(3 / entry.wallSeconds, 6);
    }
    const [longlive, iamflow] = report.runs;
    expect(longlive.ratioToLonglive).toBe(1);
    expect(iamflow.ratioToLonglive).toBeCloseTo(longlive.wallSeconds / iamflow.wallSeconds, 9);
    // Nora is on screen in segments 1 and 3: a long-range comparison exists
    expect(typeof iamflow.oracleLongRange).toBe('number');
    // iamflow's verifier and agents ran on the generation thread; longlive has no agents
    expect(iamflow.criticalPathAgentSeconds).toBeGreaterThan(0);
    expect(report.summary).toEqual([
      { policy: 'longlive', variant: 'default', medianRatioToLonglive: 1 },
      {
        policy: 'iamflow',
        variant: 'default',
        medianRatioToLonglive: (report.runs[1].ratioToLonglive + report.runs[3].ratioToLonglive) / 2,
      },
    ]);
  }, 240_000);

  it('rejects an unknown configuration with the known ones', async () => {
    const { code, stderr } = await run(
      ['bench', 'speed', '--policies', 'iamflow/turbo', '--json'],
      process.cwd(),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('iamflow/turbo');
    expect(stderr).toContain('iamflow/int8');
  });
});
