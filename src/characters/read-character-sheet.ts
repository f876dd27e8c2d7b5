import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../errors/input-error.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { parseRunJson, type RunJson } from '../pipeline/run-json.js';
import { readMp4Frames } from '../video/decode-mp4.js';
import { buildCharacterSheet } from './build-character-sheet.js';
import { type CharacterSheet, characterSheetSchema } from './character-sheet.js';
import { characterSheetFiles, writeCharacterSheet } from './write-character-sheet.js';

/** The character sheet of a run folder, and whether it was read from characters.json or rebuilt from run.json. */
export interface RunCharacterSheet {
  /** The sheet. */
  sheet: CharacterSheet;
  /** `file`: characters.json; `run.json`: built from run.json (an older run; no pictures). */
  source: 'file' | 'run.json';
}

/**
 * Reads a run folder's character sheet: characters.json when there is one, else built from run.json (runs made
 * before sheets existed). Missing or invalid files are InputErrors naming the file.
 *
 * @example
 * const { sheet } = await readCharacterSheet('out/nora');
 */
export async function readCharacterSheet(dir: string): Promise<RunCharacterSheet> {
  const path = join(dir, characterSheetFiles.json);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text !== undefined) return { sheet: parseFile(path, text, characterSheetSchema), source: 'file' };
  return { sheet: buildCharacterSheet(await readRunJson(dir)), source: 'run.json' };
}

/**
 * Writes the sheet of a run folder again from run.json and video.mp4 (decoding only the frames its crops need, at
 * the verifier's 256-pixel size).
 *
 * @example
 * await rebuildCharacterSheet('out/nora');
 */
export async function rebuildCharacterSheet(dir: string): Promise<CharacterSheet> {
  const runJson = await readRunJson(dir);
  const wanted = new Set(
    buildCharacterSheet(runJson).characters.flatMap((item) => item.crops.map((crop) => crop.videoFrame)),
  );
  const frames = new Map<number, VideoFrame>();
  if (wanted.size > 0) {
    const scale = Math.min(1, 256 / Math.max(runJson.video.width, runJson.video.height));
    const video = await readMp4Frames(join(dir, runJson.outputs.video), {
      width: Math.max(2, 2 * Math.round((runJson.video.width * scale) / 2)),
      height: Math.max(2, 2 * Math.round((runJson.video.height * scale) / 2)),
    });
    let index = 0;
    for await (const frame of video.frames) {
      if (wanted.has(index)) frames.set(index, frame);
      index += 1;
      if (frames.size === wanted.size) break;
    }
  }
  return writeCharacterSheet(dir, runJson, (index) => frames.get(index));
}

async function readRunJson(dir: string): Promise<RunJson> {
  const path = join(dir, 'run.json');
  const text = await readFile(path, 'utf8').catch(() => {
    throw new InputError([
      {
        code: 'run-json-missing',
        path: [path],
        message: 'no such file',
        hint: 'give a run folder written by `iamflow generate` (it holds run.json)',
      },
    ]);
  });
  return parseRunJson(text, path);
}

function parseFile<T>(path: string, text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError([{ code: 'invalid-json', path: [path], message: 'is not valid JSON' }]);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.slice(0, 5).map((issue) => ({
      code: 'invalid-file',
      path: [path, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
      message: issue.message,
    })),
  );
}
