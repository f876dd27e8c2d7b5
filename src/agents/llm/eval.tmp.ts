import { readFileSync } from 'node:fs';
import { createRulesExtractor } from './rules/create-rules-extractor.js';
import { runScriptExtraction } from './extract-script-entities.js';
import { annotatedScriptSchema, scoreExtraction, sumScores } from './score-extraction.js';
const lines = readFileSync(new URL('./__fixtures__/entity-scripts.jsonl', import.meta.url), 'utf8').trim().split('\n');
const scores = [];
for (const line of lines) {
  const script = annotatedScriptSchema.parse(JSON.parse(line));
  const { results, registry } = await runScriptExtraction(createRulesExtractor(), script.prompts);
  const s = scoreExtraction(script, results);
  scores.push(s);
  if (process.argv[2] === script.id || (process.argv[2] === 'bad' && (s.agreeingPairs < s.pairs || s.recoveredAttrs < s.attrs))) {
    console.log('==', script.id, JSON.stringify(s));
    results.forEach((r, i) => console.log(i + 1, script.prompts[i], '\n   ', JSON.stringify(r.characters.map(c => [c.id, c.mention, c.attrs]))));
  }
}
const t = sumScores(scores);
console.log(t, 'pair acc', (t.agreeingPairs / t.pairs).toFixed(3), 'attr recall', (t.recoveredAttrs / t.attrs).toFixed(3));
