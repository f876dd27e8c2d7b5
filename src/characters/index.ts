export { buildCharacterSheet, type CharacterSheetSettings } from './build-character-sheet.js';
export {
  type Character,
  type CharacterCorrection,
  type CharacterCrop,
  type CharacterSheet,
  characterSheetSchema,
  characterSheetVersion,
} from './character-sheet.js';
export { formatCharacterSheet } from './format-character-sheet.js';
export { type RunCharacterSheet, readCharacterSheet, rebuildCharacterSheet } from './read-character-sheet.js';
export { cropFrame, renderCharacterCard } from './render-character-card.js';
export { characterSheetFiles, writeCharacterSheet } from './write-character-sheet.js';
