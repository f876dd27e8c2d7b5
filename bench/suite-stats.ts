import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatReturnStats } from '../src/bench/suite/measure-returns.js';
import { suiteScriptSchema } from '../src/bench/suite/suite-script.js';

// Measures how the suite's returning characters come back: npx tsx bench/suite-stats.ts [suite.jsonl]
const path = resolve(process.argv[2] ?? 'bench/suite/narrastream-324.jsonl');
const scripts = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => suiteScriptSchema.parse(JSON.parse(line)));
process.stdout.write(`${path}: ${scripts.length} scripts\n${formatReturnStats(scripts)}`);
