import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUITE_SEED, formatSuite, generateSuite, selectSmoke } from './generate-suite.js';
import { SETTINGS } from './settings.js';
import { containsWord, findAnnotationProblems, firstPresence } from './suite-checks.js';
import {
  SUITE_DIMENSIONS,
  type SuiteCharacter,
  type SuiteScript,
  suiteScriptSchema,
} from './suite-script.js';
import { FEMALE_NAMES, MALE_NAMES } from './vocabulary.js';

const suite = generateSuite({ seed: DEFAULT_SUITE_SEED });
const byDimension = (dimension: string) => suite.filter((script) => script.dimension === dimension);
const settingsOf = (script: SuiteScript) =>
  new Set(
    script.prompts.flatMap((prompt) =>
      SETTINGS.filter(
        (setting) =>
          containsWord(prompt, setting.opener) ||
          containsWord(prompt, setting.locative) ||
          containsWord(prompt, setting.empty),
      ).map((setting) => setting.id),
    ),
  );

describe('generateSuite', () => {
  it('has 324 scripts, 54 per dimension, 6 prompts each, unique ids', () => {
    expect(suite).toHaveLength(324);
    for (const dimension of SUITE_DIMENSIONS) expect(byDimension(dimension)).toHaveLength(54);
    for (const script of suite) expect(script.prompts).toHaveLength(6);
    expect(new Set(suite.map((script) => script.id)).size).toBe(324);
    expect(suite[0]!.id).toBe('reappearance-001');
  });

  it('is deterministic for a seed and varies with it', () => {
    const again = formatSuite(generateSuite({ seed: DEFAULT_SUITE_SEED }));
    expect(again).toBe(formatSuite(suite));
    expect(formatSuite(generateSuite({ seed: 1, perDimension: 3 }))).not.toBe(
      formatSuite(generateSuite({ seed: 2, perDimension: 3 })),
    );
  });

  it('writes lines that parse with the schema', () => {
    for (const line of formatSuite(suite).trimEnd().split('\n')) {
      expect(suiteScriptSchema.safeParse(JSON.parse(line)).success).toBe(true);
    }
  });

  it('annotates truthfully', () => {
    const problems = suite.flatMap((script) =>
      findAnnotationProblems(script).map((p) => `${script.id}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('does not re-describe characters in reappearance and reference-shift', () => {
    for (const script of [...byDimension('reappearance'), ...byDimension('reference-shift')]) {
      for (const [key, character] of Object.entries(script.characters)) {
        const first = firstPresence(script, key);
        for (const attr of character.attrs) {
          const later = script.prompts.filter(
            (prompt, index) => index !== first && containsWord(prompt, attr),
          );
          expect(later, `${script.id} ${key} ${attr}`).toEqual([]);
        }
      }
    }
  });

  it('has a returning character absent for >= 2 prompts in every reappearance script', () => {
    for (const script of byDimension('reappearance')) {
      const gaps = Object.keys(script.characters).map((key) => {
        const on = script.present.flatMap((keys, index) => (keys.includes(key) ? [index] : []));
        return Math.max(0, ...on.slice(1).map((index, position) => index - on[position]! - 1));
      });
      expect(Math.max(...gaps), script.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('refers to one person in at least four ways in reference-shift', () => {
    for (const script of byDimension('reference-shift')) {
      const most = Math.max(...Object.values(script.characters).map((character) => character.aliases.length));
      expect(most, script.id).toBeGreaterThanOrEqual(4);
    }
    const withPronoun = byDimension('reference-shift').filter((script) =>
      Object.values(script.characters).some((c) => c.aliases.includes('she') || c.aliases.includes('he')),
    );
    expect(withPronoun.length).toBeGreaterThanOrEqual(45);
  });

  it('puts look-alikes differing in one colour on screen together in multi-character', () => {
    for (const script of byDimension('multi-character')) {
      const entries = Object.entries(script.characters);
      const lookAlikes = (a: SuiteCharacter, b: SuiteCharacter) => {
        if (a === b || a.attrs.length !== b.attrs.length) return false;
        const onlyA = a.attrs.filter((attr) => !b.attrs.includes(attr));
        const onlyB = b.attrs.filter((attr) => !a.attrs.includes(attr));
        const sameNoun = onlyA.some((x) =>
          onlyB.some((y) => x.split(' ').slice(1).join(' ') === y.split(' ').slice(1).join(' ')),
        );
        return onlyA.length >= 1 && onlyA.length < a.attrs.length && sameNoun;
      };
      const pair = entries.flatMap(([keyA, a]) =>
        entries.filter(([, b]) => lookAlikes(a, b)).map(([keyB]) => [keyA, keyB] as const),
      )[0];
      expect(pair, script.id).toBeDefined();
      const together = script.present.filter((keys) => pair!.every((key) => keys.includes(key))).length;
      expect(together, script.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('changes the setting every prompt or two in scene-change', () => {
    for (const script of byDimension('scene-change'))
      expect(settingsOf(script).size, script.id).toBeGreaterThanOrEqual(4);
  });

  it('records at least one change in every attribute-change script', () => {
    for (const script of byDimension('attribute-change')) {
      const changes = Object.values(script.characters).flatMap((c) => Object.keys(c.changes ?? {}));
      expect(changes.length, script.id).toBeGreaterThanOrEqual(1);
      expect(changes.every((number) => Number(number) >= 2 && Number(number) <= 6)).toBe(true);
    }
  });

  it('introduces a newcomer with another / a second / a different / a new', () => {
    for (const script of byDimension('newcomer')) {
      const aliases = Object.values(script.characters).flatMap((character) => character.aliases);
      expect(
        aliases.some((alias) => /^(another|a second|a different|a new) /.test(alias)),
        script.id,
      ).toBe(true);
    }
  });

  it('is varied: >= 25 settings, >= 60 names, no duplicate prompt lists', () => {
    const settings = new Set(suite.flatMap((script) => [...settingsOf(script)]));
    expect(settings.size).toBeGreaterThanOrEqual(25);
    const names = new Set<string>([...FEMALE_NAMES, ...MALE_NAMES]);
    const used = new Set(
      suite.flatMap((script) =>
        Object.values(script.characters).flatMap((c) => c.aliases.filter((a) => names.has(a))),
      ),
    );
    expect(used.size).toBeGreaterThanOrEqual(60);
    expect(new Set(suite.map((script) => script.prompts.join('\n'))).size).toBe(324);
  });

  it('writes a pronoun only as a subject that leads its clause ("she and Marco", never "Marco and she")', () => {
    const misplaced = suite.flatMap((script) =>
      script.prompts.filter((prompt) => /\b(and|to|beside|with|follows|of) (she|he)\b/i.test(prompt)),
    );
    expect(misplaced).toEqual([]);
  });

  it('never repeats a prompt within a script', () => {
    for (const script of suite) expect(new Set(script.prompts).size, script.id).toBe(script.prompts.length);
  });

  it('matches the committed files', () => {
    const read = (name: string) =>
      readFileSync(new URL(`../../../bench/suite/${name}`, import.meta.url), 'utf8');
    expect(read('narrastream-324.jsonl')).toBe(formatSuite(suite));
    expect(read('smoke-12.jsonl')).toBe(formatSuite(selectSmoke(suite)));
    expect(selectSmoke(suite).map((script) => script.id)).toContain('newcomer-002');
  });
});
