import { z } from 'zod';
import { attributeWords } from '../../entities/registry-vocabulary.js';
import { characterAnnotationSchema, scriptAnnotationsSchema } from '../../script/annotation-schema.js';
import type { EntityExtractorV1, ExtractionResult } from './entity-extractor.js';
import { runScriptExtraction } from './extract-script-entities.js';

const { attrs, changes } = characterAnnotationSchema.shape;

/** An annotated script (DESIGN.md "Script annotations"); only the evaluator reads the annotations. */
export const annotatedScriptSchema = scriptAnnotationsSchema.extend({
  id: z.string(),
  prompts: z.array(z.string()).min(1),
  characters: z.record(
    z.string(),
    characterAnnotationSchema.extend({ attrs: attrs.default([]), changes: changes.unwrap().default({}) }),
  ),
});

export type AnnotatedScript = z.infer<typeof annotatedScriptSchema>;

/** Scores of one or more scripts. */
export interface ExtractionScore {
  /** Mention pairs whose same/different-entity decision agrees with the annotation. */
  agreeingPairs: number;
  /** All mention pairs (every pair of annotated appearances across the script). */
  pairs: number;
  /** Annotated attributes found on the right entity. */
  recoveredAttrs: number;
  /** All annotated attributes (base attributes plus changes). */
  attrs: number;
  /** Annotated appearances with no predicted character aligned. */
  missedMentions: number;
}

/** One annotated appearance of a character in a prompt, with the predicted ID aligned to it (undefined: missed). */
export interface Appearance {
  /** The annotation's character key. */
  character: string;
  /** 0-based prompt index. */
  prompt: number;
  id: number | undefined;
}

/** Aligns each annotated appearance of a script to a predicted ID (what {@link scoreExtraction} pairs up). */
export function alignAppearances(
  script: AnnotatedScript,
  results: readonly ExtractionResult[],
): { appearances: Appearance[]; history: Map<string, number[]> } {
  const appearances: Appearance[] = [];
  const history = new Map<string, number[]>();
  results.forEach((result, position) => {
    const aligned = align(script, position, result, history);
    for (const character of script.present[position] ?? []) {
      const id = aligned.get(character);
      appearances.push({ character, prompt: position, id });
      if (id !== undefined) history.set(character, [...(history.get(character) ?? []), id]);
    }
  });
  return { appearances, history };
}

/** Pairs of appearances whose predicted same/different decision disagrees with the annotation. */
export function wrongPairs(appearances: readonly Appearance[]): Array<[Appearance, Appearance]> {
  const wrong: Array<[Appearance, Appearance]> = [];
  for (let first = 0; first < appearances.length; first += 1) {
    for (let second = first + 1; second < appearances.length; second += 1) {
      const left = appearances[first]!;
      const right = appearances[second]!;
      const predictedSame = left.id !== undefined && left.id === right.id;
      if ((left.character === right.character) !== predictedSame) wrong.push([left, right]);
    }
  }
  return wrong;
}

/** Scores one script's results against its annotations. */
export function scoreExtraction(
  script: AnnotatedScript,
  results: readonly ExtractionResult[],
): ExtractionScore {
  const attrsById = new Map<number, Set<string>>();
  for (const result of results) {
    for (const character of result.characters) {
      const set = attrsById.get(character.id) ?? new Set<string>();
      for (const attribute of character.attrs) set.add(attribute);
      attrsById.set(character.id, set);
    }
  }
  const { appearances, history } = alignAppearances(script, results);
  const pairs = (appearances.length * (appearances.length - 1)) / 2;
  const agreeingPairs = pairs - wrongPairs(appearances).length;
  let recoveredAttrs = 0;
  let attrs = 0;
  for (const [key, character] of Object.entries(script.characters)) {
    const expected = [...character.attrs, ...Object.values(character.changes).flat()];
    const id = majority(history.get(key) ?? []);
    const found = id === undefined ? [] : [...(attrsById.get(id) ?? [])];
    attrs += expected.length;
    recoveredAttrs += expected.filter((attribute) =>
      found.some((other) => attributeMatches(attribute, other)),
    ).length;
  }
  const missedMentions = appearances.filter((appearance) => appearance.id === undefined).length;
  return { agreeingPairs, pairs, recoveredAttrs, attrs, missedMentions };
}

/** Sums scores of several scripts. */
export function sumScores(scores: readonly ExtractionScore[]): ExtractionScore {
  const total: ExtractionScore = {
    agreeingPairs: 0,
    pairs: 0,
    recoveredAttrs: 0,
    attrs: 0,
    missedMentions: 0,
  };
  for (const score of scores) {
    for (const key of Object.keys(total) as Array<keyof ExtractionScore>) total[key] += score[key];
  }
  return total;
}

/** An annotated attribute is recovered when its words are all in an extracted one with at most 2 extra words. */
export function attributeMatches(expected: string, extracted: string): boolean {
  const want = attributeWords(expected).map(canonical);
  const have = attributeWords(extracted).map(canonical);
  return want.every((word) => have.includes(word)) && have.length - want.length <= 2;
}

function canonical(word: string): string {
  return word === 'blonde' ? 'blond' : word;
}

/** Aligns annotated characters of a prompt to predicted IDs through alias matches of the mention spans. */
function align(
  script: AnnotatedScript,
  position: number,
  result: ExtractionResult,
  history: ReadonlyMap<string, number[]>,
): Map<string, number> {
  const present = script.present[position] ?? [];
  const textsById = new Map<number, string[]>();
  for (const span of result.spans) {
    if (span.role === 'mention')
      textsById.set(span.id, [...(textsById.get(span.id) ?? []), stripArticle(span.text)]);
  }
  for (const character of result.characters) {
    textsById.set(character.id, [...(textsById.get(character.id) ?? []), stripArticle(character.mention)]);
  }
  const candidates: Array<{ character: string; id: number; score: number }> = [];
  for (const character of present) {
    const aliases = new Set(script.characters[character]!.aliases.map(stripArticle));
    for (const [id, texts] of textsById) {
      const hits = texts.filter((text) => aliases.has(text)).length;
      if (hits === 0) continue;
      const previous = history.get(character) ?? [];
      candidates.push({ character, id, score: hits + (previous.includes(id) ? 0.5 : 0) });
    }
  }
  candidates.sort((first, second) => second.score - first.score);
  const aligned = new Map<string, number>();
  const taken = new Set<number>();
  for (const candidate of candidates) {
    if (aligned.has(candidate.character) || taken.has(candidate.id)) continue;
    aligned.set(candidate.character, candidate.id);
    taken.add(candidate.id);
  }
  return aligned;
}

function stripArticle(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/^(a|an|the|this|that) /, '')
    .trim();
}

function majority(ids: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].sort((first, second) => second[1] - first[1] || first[0] - second[0])[0]?.[0];
}

/** Parses a JSON-lines fixture of annotated scripts (one script per non-empty line). */
export function parseAnnotatedScripts(text: string): AnnotatedScript[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => annotatedScriptSchema.parse(JSON.parse(line)));
}

/** Pairwise ID accuracy and attribute recall of a summed score. */
export function extractionRates(score: ExtractionScore): { idAccuracy: number; attributeRecall: number } {
  return {
    idAccuracy: score.pairs === 0 ? 1 : score.agreeingPairs / score.pairs,
    attributeRecall: score.attrs === 0 ? 1 : score.recoveredAttrs / score.attrs,
  };
}

/**
 * Runs every script through a fresh extractor and sums the scores. `createExtractor` is called once per script
 * (before its first prompt), so a test double can tell which script it is answering.
 *
 * @example
 * const total = await scoreScripts(scripts, () => createRulesExtractor());
 * console.log(extractionRates(total).idAccuracy);
 */
export async function scoreScripts(
  scripts: readonly AnnotatedScript[],
  createExtractor: (script: AnnotatedScript) => EntityExtractorV1,
): Promise<ExtractionScore> {
  const scores: ExtractionScore[] = [];
  for (const script of scripts) {
    const { results } = await runScriptExtraction(createExtractor(script), script.prompts);
    scores.push(scoreExtraction(script, results));
  }
  return sumScores(scores);
}
