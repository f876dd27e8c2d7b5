/**
 * Where a run's time goes: generates one script (default examples/nora.jsonl, 60 s, 6 prompts) at 480x270 with MP4
 * output under each policy, with the work profile on (timers where the work happens: engine kernels, decoder,
 * run loop, policy, agents, verification, sinks), and prints the time of every part.
 *
 *   npx tsx bench/profile.ts                          # longlive and iamflow on examples/nora.jsonl
 *   npx tsx bench/profile.ts --policy self-forcing --policy iamflow --size 240x136
 *   npx tsx bench/profile.ts --script bench/suite/narrastream-324.jsonl --line 3 --json
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatWorkProfile } from '../src/bench/speed/work-profile-groups.js';
import { workProfile } from '../src/engine/work-profile.js';
import { createRunDirSink } from '../src/run/create-run-dir-sink.js';
import { runScript } from '../src/run/run-script.js';
import { readScript } from '../src/script/read-script.js';

const { values } = parseArgs({
  options: {
    script: { type: 'string', default: 'examples/nora.jsonl' },
    line: { type: 'string' },
    policy: { type: 'string', multiple: true },
    size: { type: 'string', default: '480x270' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});
const script = await readScript(values.script, values.line ? { line: Number(values.line) } : {});
const [width, height] = values.size.split('x').map(Number) as [number, number];
const folder = mkdtempSync(join(tmpdir(), 'iamflow-profile-'));
const columns = [];
try {
  for (const policy of values.policy ?? ['longlive', 'iamflow']) {
    workProfile.reset(true);
    const started = performance.now();
    await runScript(
      { script, policy: { name: policy }, size: { width, height } },
      createRunDirSink({ dir: join(folder, policy) }),
    );
    const wallMs = performance.now() - started;
    columns.push({ label: policy, profile: workProfile.snapshot(), wallMs });
    workProfile.reset(false);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
if (values.json) console.log(JSON.stringify(columns));
else {
  console.log(
    `profile: ${script.id}, ${width}x${height}, MP4 output (self times; parts nested in others excluded)`,
  );
  console.log(formatWorkProfile(columns));
}
