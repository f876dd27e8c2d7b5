import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VideoFrame } from '../frame/video-frame.js';
import type { RunJson } from '../pipeline/run-json.js';
import { buildCharacterSheet, type CharacterSheetSettings } from './build-character-sheet.js';
import type { CharacterSheet } from './character-sheet.js';
import { renderCharacterCard } from './render-character-card.js';

/** File names of the character sheet in a run folder. */
export const characterSheetFiles = { json: 'characters.json', folder: 'characters' } as const;

/**
 * Writes `characters.json` and `characters/<id>.png` into a run folder, from run.json and the sampled frames
 * (`frameAt(videoFrameIndex)`, the frames the verifier looked at). Each file goes under `.part` and is renamed.
 * A policy without a registry gets a characters.json with no characters and no pictures; pictures an earlier run
 * left for IDs this run does not have are removed.
 *
 * @example
 * await writeCharacterSheet('out/nora', runJson, (index) => sampled.get(index));
 */
export async function writeCharacterSheet(
  dir: string,
  runJson: RunJson,
  frameAt: (videoFrame: number) => VideoFrame | undefined,
  settings: CharacterSheetSettings = {},
): Promise<CharacterSheet> {
  const sheet = buildCharacterSheet(runJson, settings);
  if (sheet.characters.length > 0) await mkdir(join(dir, characterSheetFiles.folder), { recursive: true });
  for (const character of sheet.characters) {
    const frames = new Map<number, VideoFrame>();
    for (const crop of character.crops) {
      const frame = frameAt(crop.videoFrame);
      if (frame) frames.set(crop.videoFrame, frame);
    }
    const image = `${characterSheetFiles.folder}/${character.id}.png`;
    await writeAtomically(join(dir, image), renderCharacterCard(character, frames));
    character.image = image;
  }
  await writeAtomically(join(dir, characterSheetFiles.json), `${JSON.stringify(sheet, null, 2)}\n`);
  await removeStalePictures(join(dir, characterSheetFiles.folder), sheet);
  return sheet;
}

/** Removes `<id>.png` pictures an earlier run wrote for IDs this sheet does not have (other files stay). */
async function removeStalePictures(folder: string, sheet: CharacterSheet): Promise<void> {
  const current = new Set(sheet.characters.map((character) => `${character.id}.png`));
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (/^[0-9]+\.png$/.test(name) && !current.has(name)) await rm(join(folder, name), { force: true });
  }
}

async function writeAtomically(path: string, content: string | Buffer): Promise<void> {
  await writeFile(`${path}.part`, content);
  await rename(`${path}.part`, path);
}
