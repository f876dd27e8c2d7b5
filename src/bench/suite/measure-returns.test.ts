import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyAlias,
  findReturns,
  formatReturnStats,
  REFERENCE_CONTEXT,
  summarizeReturns,
} from './measure-returns.js';
import { SUITE_DIMENSIONS, type SuiteScript, suiteScriptSchema } from './suite-script.js';

const script: SuiteScript = {
  id: 'reappearance-001',
  dimension: 'reappearance',
  prompts: [
    'Nora, a nurse in a red coat, waits.',
    'Omar, a tall man with a gray scarf, reads.',
    'She comes back and sits next to Omar.',
    'Omar leaves.',
    'The nurse returns, still wearing the red coat.',
    'Omar returns and waves to Nora.',
  ],
  characters: {
    nora: { aliases: ['Nora', 'a nurse', 'she', 'the nurse'], attrs: ['red coat'] },
    omar: { aliases: ['Omar', 'a tall man'], attrs: ['gray scarf'] },
  },
  present: [['nora'], ['omar'], ['nora', 'omar'], ['omar'], ['nora'], ['nora', 'omar']],
};

describe('findReturns', () => {
  it('finds each return after an absence, with sink, window, restating and reference kinds', () => {
    const returns = findReturns(script).map(
      ({ character, prompt, inSink, inWindow, restated, references }) => ({
        character,
        prompt,
        inSink,
        inWindow,
        restated,
        references,
      }),
    );
    expect(returns).toEqual([
      {
        character: 'nora',
        prompt: 2,
        inSink: true,
        inWindow: false,
        restated: false,
        references: ['pronoun'],
      },
      { character: 'nora', prompt: 4, inSink: true, inWindow: false, restated: true, references: ['role'] },
      { character: 'omar', prompt: 5, inSink: false, inWindow: false, restated: false, references: ['name'] },
    ]);
  });

  it('measures the window on the timeline: with 1 s prompts the window reaches two prompts back', () => {
    const short = findReturns(script, { ...REFERENCE_CONTEXT, secondsPerPrompt: 1 });
    // 1 s = 4 latent frames, snapped to 3-frame chunks: prompts start at frames 0, 3, 6, 12, 15, 18. The return at
    // prompt index 4 starts at frame 15; its window reaches back to frame 9, inside prompt index 2 (Nora on screen).
    expect(short.find((entry) => entry.prompt === 4)?.inWindow).toBe(true);
    expect(short.find((entry) => entry.prompt === 2)?.inSink).toBe(true);
  });

  it('classifies aliases', () => {
    expect(
      ['Nora', 'she', 'the nurse', 'the first guard', 'the young waitress', 'the tall woman'].map(
        classifyAlias,
      ),
    ).toEqual(['name', 'pronoun', 'role', 'role', 'role', 'description']);
  });

  it('summarizes', () => {
    expect(summarizeReturns(findReturns(script))).toEqual({
      returns: 3,
      inSink: 2,
      inWindow: 0,
      unseen: 1 / 3,
      characters: 2,
      unseenCharacters: 1 / 2,
      unrestated: 2 / 3,
      pronounOnly: 1,
      roleOnly: 0,
    });
  });
});

describe('the committed suite (npx tsx bench/suite-stats.ts prints these figures)', () => {
  const scripts = readFileSync(new URL('../../../bench/suite/narrastream-324.jsonl', import.meta.url), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => suiteScriptSchema.parse(JSON.parse(line)));
  const returns = scripts.flatMap((entry) => findReturns(entry));

  it('brings >= 70% of returning characters back absent from the sink and the local window', () => {
    const stats = summarizeReturns(returns);
    expect(stats.unseen).toBeGreaterThanOrEqual(0.7);
    expect(stats.unseenCharacters).toBeGreaterThanOrEqual(0.7);
  });

  it('does not restate attributes in at least half of the returns', () => {
    expect(summarizeReturns(returns).unrestated).toBeGreaterThanOrEqual(0.5);
  });

  it('has pronoun-only and role-only returns in every dimension', () => {
    for (const dimension of SUITE_DIMENSIONS) {
      const stats = summarizeReturns(returns.filter((entry) => entry.dimension === dimension));
      expect(stats.pronounOnly, dimension).toBeGreaterThan(0);
      expect(stats.roleOnly, dimension).toBeGreaterThan(0);
    }
  });

  it('prints a table', () => {
    expect(formatReturnStats(scripts).split('\n')[0]).toContain('unseen');
  });
});
