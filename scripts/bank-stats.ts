/**
 * How the bank evolves under two bank-update rules on the same generated frames: runs suite scripts through the
 * deterministic fake engine (its frames do not depend on the bank, so both rules see the same archive) and prints
 * the mean bank size over chunk steps and the share of steps where the banks differ. Run by hand:
 *
 *   npx tsx scripts/bank-stats.ts --limit 2
 */
import { parseArgs } from 'node:util';
import { selectScripts } from '../src/bench/runner/plan-runs.js';
import { createIamflowPolicy } from '../src/memory/iamflow/iamflow-policy.js';
import { createFakeEngine } from '../src/pipeline/__fixtures__/fake-engine.js';
import { generateVideo } from '../src/pipeline/generate-video.js';
import { readScripts } from '../src/script/read-script.js';
import { buildTimeline } from '../src/script/timeline.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/narrastream-324.jsonl' },
    limit: { type: 'string', default: '2' },
  },
});
const { scripts } = await readScripts(values.suite);
const chosen = selectScripts(scripts, { limit: Number(values.limit) });
const modes = ['reference', 'recover-every-chunk'] as const;

/** The bank after every chunk of one run. */
async function banks(script: (typeof chosen)[number], bankUpdate: string): Promise<string[][]> {
  const engine = createFakeEngine();
  const timeline = buildTimeline(script, engine.info);
  const after: string[][] = [];
  await generateVideo({
    script,
    engine,
    timeline,
    seed: 1,
    policy: (context) => createIamflowPolicy(context, { bankUpdate, syncVerify: true }),
    onFrames: () => {
      after.push([...engine.bank]);
    },
  });
  return after;
}

let steps = 0;
let differ = 0;
const sizes = { reference: 0, 'recover-every-chunk': 0 };
for (const script of chosen) {
  const [a, b] = [await banks(script, modes[0]), await banks(script, modes[1])];
  a.forEach((bank, index) => {
    steps += 1;
    sizes.reference += bank.length;
    sizes['recover-every-chunk'] += b[index]!.length;
    if (bank.join() !== b[index]!.join()) differ += 1;
  });
}
console.log(`${chosen.length} scripts, ${steps} chunk steps (fake engine, identical frames for both rules)`);
console.log(`banks differ at ${((100 * differ) / steps).toFixed(1)}% of chunk steps`);
for (const mode of modes)
  console.log(`${mode}: ${(sizes[mode] / steps).toFixed(2)} frames in the bank on average`);
