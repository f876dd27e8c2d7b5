import type { CharacterSheet } from '../../characters/character-sheet.js';
import { escapeXml } from './svg-charts.js';

/** The character sheet of one stored run, for the report. */
export interface ReportCharacterSheet {
  /** Suite script id. */
  scriptId: string;
  /** Policy of the run. */
  policy: string;
  /** Run folder relative to the report (pictures are linked from there). */
  runDir: string;
  /** characters.json of the run. */
  sheet: CharacterSheet;
}

/**
 * The report's "Character sheets" section: per run with characters, one row per global ID (prompts, attributes
 * as registered and as verified, corrections) and its sheet picture, loaded lazily from the run folder.
 */
export function renderCharacterSheets(sheets: readonly ReportCharacterSheet[]): string {
  const withCharacters = sheets.filter((item) => item.sheet.characters.length > 0);
  if (withCharacters.length === 0)
    return '<p class="note">No run folder with character sheets (runs kept with their videos write them).</p>';
  return withCharacters
    .map(({ scriptId, policy, runDir, sheet }) => {
      const rows = sheet.characters
        .map((character) => {
          const name = character.properName ? `${character.properName} (${character.name})` : character.name;
          const corrections = character.corrections.map(
            (item) => `${item.before.join(', ')} → ${item.after.join(', ')}`,
          );
          const picture = character.image
            ? `<a href="${escapeXml(`${runDir}/${character.image}`)}"><img loading="lazy" height="120" alt="${escapeXml(name)}" src="${escapeXml(`${runDir}/${character.image}`)}"></a>`
            : '';
          const cells = [
            `#${character.id} ${name}`,
            character.segments.map((segment) => segment + 1).join(', '),
            character.registered.join(', '),
            character.verified.join(', '),
            corrections.join('; ') || '—',
          ];
          return `<tr>${cells.map((text) => `<td>${escapeXml(text)}</td>`).join('')}<td>${picture}</td></tr>`;
        })
        .join('');
      const head = ['ID', 'Prompts', 'Registered', 'Verified', 'Corrections', 'Sheet']
        .map((text) => `<th>${text}</th>`)
        .join('');
      return `<details><summary>${escapeXml(scriptId)} <span class="note">(${escapeXml(policy)}, ${sheet.characters.length} characters)</span></summary><table class="sheets"><tr>${head}</tr>${rows}</table></details>`;
    })
    .join('\n');
}
