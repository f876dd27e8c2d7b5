import { describe, expect, it } from 'vitest';
import type { CharacterSheet } from '../../characters/character-sheet.js';
import { renderCharacterSheets } from './render-character-sheets.js';

const sheet: CharacterSheet = {
  version: 1,
  policy: 'iamflow',
  registry: true,
  characters: [
    {
      id: 1,
      name: 'woman_1',
      properName: 'Nora',
      kind: 'woman',
      mentions: ['Nora', 'she'],
      segments: [0, 2],
      registered: ['yellow raincoat'],
      verified: ['green raincoat'],
      corrections: [
        {
          chunk: 14,
          segment: 2,
          attrs: ['green raincoat'],
          before: ['yellow raincoat'],
          after: ['green raincoat'],
        },
      ],
      sightings: { checked: 30, seen: 24 },
      crops: [],
      image: 'characters/1.png',
    },
  ],
};

describe('renderCharacterSheets', () => {
  it('lists each ID with its prompts, attributes, corrections and a lazily loaded picture from the run folder', () => {
    const html = renderCharacterSheets([
      { scriptId: 'nora-<1>', policy: 'iamflow', runDir: 'runs/nora', sheet },
    ]);
    expect(html).toContain(
      '<summary>nora-&#60;1&#62; <span class="note">(iamflow, 1 characters)</span></summary>',
    );
    expect(html).toContain(
      '<td>#1 Nora (woman_1)</td><td>1, 3</td><td>yellow raincoat</td><td>green raincoat</td>',
    );
    expect(html).toContain('yellow raincoat → green raincoat');
    expect(html).toContain(
      '<img loading="lazy" height="120" alt="Nora (woman_1)" src="runs/nora/characters/1.png">',
    );
  });

  it('says so when no run has characters', () => {
    const empty: CharacterSheet = { version: 1, policy: 'longlive', registry: false, characters: [] };
    expect(
      renderCharacterSheets([{ scriptId: 'x', policy: 'longlive', runDir: 'runs/x', sheet: empty }]),
    ).toContain('No run folder with character sheets');
  });
});
