import type { ScriptEntities } from './extract-script-entities.js';

/**
 * Plain-text rendering of a script's entities: one table of entities, then one line per prompt.
 *
 * @example
 * console.log(formatEntityTable(await extractScriptEntities(extractor, prompts)));
 */
export function formatEntityTable(table: ScriptEntities): string {
  const rows = table.entities.map((entity) => [
    String(entity.id),
    entity.properName ? `${entity.name} (${entity.properName})` : entity.name,
    entity.prompts.join(','),
    entity.mentions.join(' / '),
    entity.attrs.join(', ') || '-',
  ]);
  const header = ['ID', 'NAME', 'PROMPTS', 'MENTIONS', 'ATTRIBUTES'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line), ''];
  for (const prompt of table.prompts) {
    const people = prompt.entities.map(
      (entity) =>
        `#${entity.id} ${entity.mention}${entity.attrs.length > 0 ? ` [${entity.attrs.join(', ')}]` : ''}`,
    );
    const fallback = prompt.warnings?.some((warning) => warning.type === 'fallback') ? '  (fallback)' : '';
    lines.push(`prompt ${prompt.index}: ${people.join('; ') || '(nobody)'}${fallback}`);
  }
  return lines.join('\n');
}
