/**
 * Scores the rules extractor (or the extractor the IAMFLOW_LLM_* environment names) on annotated script sets and
 * prints one row per set: pairwise ID accuracy and attribute recall.
 *
 *   npx tsx scripts/score-entities.ts                       # the five fixture sets of src/agents/llm/__fixtures__
 *   npx tsx scripts/score-entities.ts FILE.jsonl --details  # also each script's prompts, casts and wrong pairs
 *
 * The development sets (the held-out set too: it was opened for analysis in round 4, docs/method.md 1f) may be
 * listed with `--details`; the blind set `holdout2-scripts.jsonl` may not, so that its score keeps meaning "scripts
 * the rules never saw" (docs/method.md 1g).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runScriptExtraction } from '../src/agents/llm/extract-script-entities.js';
import { resolveExtractorFromEnv } from '../src/agents/llm/resolve-extractor-from-env.js';
import {
  alignAppearances,
  extractionRates,
  parseAnnotatedScripts,
  scoreExtraction,
  sumScores,
  wrongPairs,
} from '../src/agents/llm/score-extraction.js';

const FIXTURES = new URL('../src/agents/llm/__fixtures__/', import.meta.url);
const DEFAULT_SETS = [
  'entity-scripts.jsonl',
  'dev-scripts.jsonl',
  'dev2-scripts.jsonl',
  'dev3-scripts.jsonl',
  'holdout-scripts.jsonl',
  'holdout2-scripts.jsonl',
].map((name) => new URL(name, FIXTURES).pathname);

const args = process.argv.slice(2);
const details = args.includes('--details');
const files = args.filter((arg) => !arg.startsWith('--'));
if (details && files.some((file) => basename(file) === 'holdout2-scripts.jsonl')) {
  console.error(
    'error: --details is refused for holdout2-scripts.jsonl, the blind set (docs/method.md 1g)\n  hint: drop --details to print its aggregate only',
  );
  process.exit(2);
}
const extractor = resolveExtractorFromEnv(process.env);
const rows: string[][] = [['set', 'scripts', 'pairs', 'ID accuracy', 'attribute recall', 'missed mentions']];
for (const file of files.length > 0 ? files : DEFAULT_SETS) {
  if (!existsSync(file)) {
    rows.push([basename(file), 'missing', '', '', '', '']);
    continue;
  }
  const scripts = parseAnnotatedScripts(readFileSync(file, 'utf8'));
  const scores = [];
  for (const script of scripts) {
    const { results } = await runScriptExtraction(extractor, script.prompts);
    const score = scoreExtraction(script, results);
    scores.push(score);
    if (details && (score.agreeingPairs < score.pairs || score.recoveredAttrs < score.attrs)) {
      console.log(`${script.id}: pairs ${score.agreeingPairs}/${score.pairs}, attrs ${score.recoveredAttrs}/${score.attrs}, missed ${score.missedMentions}`); // biome-ignore format: one line
      for (const [index, result] of results.entries()) {
        const cast = result.characters.map((character) => `${character.id}:${character.mention}[${character.attrs.join(', ')}]`); // biome-ignore format: one line
        console.log(`  ${index + 1} ${script.prompts[index]}`);
        console.log(`    want ${JSON.stringify(script.present[index])} got ${cast.join(' ')}`);
      }
      for (const [left, right] of wrongPairs(alignAppearances(script, results).appearances)) {
        const same = left.character === right.character ? 'same' : 'different';
        console.log(`  wrong (want ${same}): ${left.character}@${left.prompt + 1}=${left.id ?? '-'} ${right.character}@${right.prompt + 1}=${right.id ?? '-'}`); // biome-ignore format: one line
      }
    }
  }
  const total = sumScores(scores);
  const { idAccuracy, attributeRecall } = extractionRates(total);
  rows.push([
    basename(file),
    String(scripts.length),
    String(total.pairs),
    idAccuracy.toFixed(3),
    attributeRecall.toFixed(3),
    String(total.missedMentions),
  ]);
}
console.log(`extractor: ${extractor.provider} (${extractor.modelId})`);
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
