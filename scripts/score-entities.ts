/**
 * Scores the rules extractor (or the extractor the IAMFLOW_LLM_* environment names) on annotated script sets and
 * prints one row per set: pairwise ID accuracy and attribute recall.
 *
 *   npx tsx scripts/score-entities.ts                       # the five fixture sets of src/agents/llm/__fixtures__
 *   npx tsx scripts/score-entities.ts FILE.jsonl --details  # also each wrong pair of each script
 *
 * `--details` is refused for the held-out set: only its aggregate scores may be looked at.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runScriptExtraction } from '../src/agents/llm/extract-script-entities.js';
import { resolveExtractorFromEnv } from '../src/agents/llm/resolve-extractor-from-env.js';
import {
  extractionRates,
  parseAnnotatedScripts,
  scoreExtraction,
  sumScores,
} from '../src/agents/llm/score-extraction.js';

const FIXTURES = new URL('../src/agents/llm/__fixtures__/', import.meta.url);
const DEFAULT_SETS = [
  'entity-scripts.jsonl',
  'dev-scripts.jsonl',
  'dev2-scripts.jsonl',
  'dev3-scripts.jsonl',
  'holdout-scripts.jsonl',
].map((name) => new URL(name, FIXTURES).pathname);

const args = process.argv.slice(2);
const details = args.includes('--details');
const files = args.filter((arg) => !arg.startsWith('--'));
const extractor = resolveExtractorFromEnv(process.env);
const rows: string[][] = [['set', 'scripts', 'pairs', 'ID accuracy', 'attribute recall', 'missed mentions']];
for (const file of files.length > 0 ? files : DEFAULT_SETS) {
  if (!existsSync(file)) {
    rows.push([basename(file), 'missing', '', '', '', '']);
    continue;
  }
  const heldOut = basename(file).includes('holdout');
  if (details && heldOut) throw new Error(`--details is not allowed on the held-out set ${file}`);
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
        console.log(`  ${index + 1} want ${JSON.stringify(script.present[index])} got ${cast.join(' ')}`);
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
