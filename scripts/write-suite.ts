import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_SUITE_SEED,
  formatSuite,
  generateSuite,
  selectSmoke,
} from '../src/bench/suite/generate-suite.js';

// Regenerates the committed suite files: npx tsx scripts/write-suite.ts [outputFolder]
const folder = resolve(process.argv[2] ?? 'bench/suite');
const scripts = generateSuite({ seed: DEFAULT_SUITE_SEED });
writeFileSync(resolve(folder, 'narrastream-324.jsonl'), formatSuite(scripts));
writeFileSync(resolve(folder, 'smoke-12.jsonl'), formatSuite(selectSmoke(scripts)));
process.stdout.write(`wrote ${scripts.length} scripts to ${folder}\n`);
