/**
 * CPU seconds of the miniature engine alone (no policy, no sink): 80 chunks (240 latent frames, 60 s) of a 3-prompt
 * sequence at 480x270, generation and decoding measured apart with `process.cpuUsage` (robust to a shared machine's
 * load, unlike wall time), plus the attention ops counted. `ROOT` is a source tree, e.g. an older commit exported with
 * `git archive <commit> src | tar -x -C /tmp/old` (link node_modules into it), to compare engines side by side.
 *
 *   npx tsx bench/engine-cpu.ts                 # this tree
 *   npx tsx bench/engine-cpu.ts /tmp/old        # another tree's engine
 */
import { resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const { createMiniEngine } = await import(`${root}/src/engine/mini/mini-engine.ts`);
const engine = createMiniEngine({ width: 480, height: 270 });
const texts = [
  'A young woman named Nora with long red hair and a yellow raincoat walks along a rainy city street at dusk, medium tracking shot.',
  'Nora stops at a crosswalk beside a tall man in a gray coat and round glasses, rain falling around them, close-up.',
  'Inside the cafe, an old woman with white hair and a blue scarf pours coffee behind the counter, medium shot.',
];
const prompts = [];
for (const text of texts) prompts.push(await engine.encodePrompt(text));
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
let generate = 0;
let decode = 0;
for (let chunk = 0; chunk < 80; chunk++) {
  const before = cpu();
  const generated = await engine.generateChunk({ prompt: prompts[Math.floor(chunk / 27)] });
  const between = cpu();
  await engine.decodeChunk(generated.chunk);
  generate += between - before;
  decode += cpu() - between;
}
console.log(
  `${root}: generate ${generate.toFixed(2)} CPU s, decode ${decode.toFixed(2)} CPU s, attention ops ${engine.costs().attentionOps}`,
);
await engine.release();
