import { reference } from '../../reference/index.js';
import type { Random } from './create-random.js';
import type { ScriptBuilder } from './script-builder.js';
import { SETTINGS, type Setting } from './settings.js';

/** Builds one script of a dimension from a random source; the caller assigns its id. */
export type DimensionBuilder = (random: Random) => ScriptBuilder;

/** Number of prompts per script: 60 s at 10 s per prompt. */
export const PROMPTS_PER_SCRIPT = reference.video.promptsPerScript;

/** `count` distinct settings. */
export function pickSettings(random: Random, count: number): Setting[] {
  return random.sample(SETTINGS, count);
}
