import type { CharacterSheet } from './character-sheet.js';
import { describe } from './render-character-card.js';

/**
 * The sheet as text: one block per ID (name, prompts, sightings, mentions, attributes as registered and as
 * verified, corrections, crops and the picture's path).
 *
 * @example
 * formatCharacterSheet(sheet) // '#1 Nora (woman_1)\n  prompts: 1, 3 ...'
 */
export function formatCharacterSheet(sheet: CharacterSheet): string {
  if (!sheet.registry) return `the ${sheet.policy} policy keeps no identity registry: no characters`;
  if (sheet.characters.length === 0) return 'no characters';
  return sheet.characters
    .map((character) => {
      const title = character.properName ? `${character.properName} (${character.name})` : character.name;
      const crops = character.crops.map(
        (crop) => `prompt ${crop.segment + 1} frame ${crop.videoFrame} (${crop.score.toFixed(2)})`,
      );
      return [
        `#${character.id} ${title}`,
        ...describe(character).map((line) => `  ${line}`),
        `  crops: ${crops.join(', ') || 'none'}`,
        ...(character.image ? [`  picture: ${character.image}`] : []),
      ].join('\n');
    })
    .join('\n\n');
}
