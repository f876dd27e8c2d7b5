import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { checkedCharacterAnnotationSchema } from '../src/script/annotation-schema.js';

// Checks the shape of an annotated entity fixture (JSON lines) without running any extractor or scorer:
//   npx tsx scripts/check-entity-fixture.ts src/agents/llm/__fixtures__/holdout2-scripts.jsonl
// Every line must parse as a script with non-empty prompts, characters and one `present` list per prompt; every
// alias must occur verbatim (case-insensitive, on word boundaries) in a prompt where its character is present;
// every present character must be mentioned by one of its aliases in that prompt; `changes` keys must be prompt
// numbers of the script. Attribute phrases whose words are missing from the prompts are listed as warnings.

const lineSchema = z.strictObject({
  id: z.string().min(1),
  prompts: z.array(z.string().min(1)).min(1),
  characters: z.record(z.string().min(1), checkedCharacterAnnotationSchema.strict()),
  present: z.array(z.array(z.string().min(1))),
});

type FixtureLine = z.infer<typeof lineSchema>;

function occurs(phrase: string, text: string): boolean {
  const escaped = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'u').test(text.toLowerCase());
}

function checkLine(script: FixtureLine): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const keys = Object.keys(script.characters);
  if (script.present.length !== script.prompts.length)
    errors.push(`present has ${script.present.length} lists for ${script.prompts.length} prompts`);
  script.present.forEach((list, position) => {
    for (const key of list) {
      if (!keys.includes(key)) errors.push(`prompt ${position + 1}: unknown character "${key}" in present`);
    }
    if (new Set(list).size !== list.length)
      errors.push(`prompt ${position + 1}: a character is listed twice`);
  });
  for (const [key, character] of Object.entries(script.characters)) {
    const positions = script.present.flatMap((list, position) => (list.includes(key) ? [position] : []));
    if (positions.length === 0) errors.push(`${key}: never present`);
    for (const alias of character.aliases) {
      if (!positions.some((position) => occurs(alias, script.prompts[position] ?? '')))
        errors.push(`${key}: alias "${alias}" occurs in no prompt where ${key} is present`);
    }
    for (const position of positions) {
      if (!character.aliases.some((alias) => occurs(alias, script.prompts[position] ?? '')))
        errors.push(`${key}: present in prompt ${position + 1} but none of its aliases occurs there`);
    }
    for (const [number, phrases] of Object.entries(character.changes ?? {})) {
      if (Number(number) > script.prompts.length)
        errors.push(`${key}: change at prompt ${number}, past the last prompt`);
      const text = script.prompts.slice(Number(number) - 1).join(' ');
      for (const phrase of phrases) {
        if (!occurs(phrase, text))
          warnings.push(`${key}: change "${phrase}" not written from prompt ${number} on`);
      }
    }
    const all = script.prompts.join(' ');
    for (const phrase of character.attrs) {
      if (!occurs(phrase, all))
        warnings.push(`${key}: attribute "${phrase}" not written verbatim in the prompts`);
    }
  }
  return { errors, warnings };
}

const file = resolve(process.argv[2] ?? 'src/agents/llm/__fixtures__/holdout2-scripts.jsonl');
const lines = readFileSync(file, 'utf8').split('\n');
const ids = new Set<string>();
let scripts = 0;
let prompts = 0;
let characters = 0;
let failures = 0;
lines.forEach((text, index) => {
  if (text.trim() === '') return;
  const where = `${file}:${index + 1}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    failures += 1;
    process.stdout.write(
      `${where}: not JSON (${(error as Error).message}); fix: one script object per line\n`,
    );
    return;
  }
  const parsed = lineSchema.safeParse(value);
  if (!parsed.success) {
    failures += 1;
    process.stdout.write(`${where}: wrong shape: ${z.prettifyError(parsed.error)}\n`);
    return;
  }
  const script = parsed.data;
  if (ids.has(script.id)) {
    failures += 1;
    process.stdout.write(`${where}: duplicate id "${script.id}"\n`);
  }
  ids.add(script.id);
  const { errors, warnings } = checkLine(script);
  for (const message of errors) process.stdout.write(`${where} (${script.id}): error: ${message}\n`);
  for (const message of warnings) process.stdout.write(`${where} (${script.id}): warning: ${message}\n`);
  if (errors.length > 0) failures += 1;
  scripts += 1;
  prompts += script.prompts.length;
  characters += Object.keys(script.characters).length;
});
process.stdout.write(
  `${scripts} scripts, ${prompts} prompts, ${characters} characters; ${failures} with errors\n`,
);
process.exitCode = failures === 0 ? 0 : 1;
