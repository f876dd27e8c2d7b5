import type { Random } from './create-random.js';
import { sentence, thirdPerson } from './phrasing.js';
import type { Setting } from './settings.js';
import { CAMERA_PHRASES, GENERIC_ACTIONS, GROUP_ACTIONS } from './vocabulary.js';

/** Where the setting goes in a prompt. */
export type Placement = 'opener' | 'locative' | 'none';

/** Options for {@link composePrompt}. */
export interface ComposeOptions {
  placement?: Placement;
  /** Probability of a camera phrase at the end (default 0.4). */
  camera?: number;
  /** A second sentence appended as is. */
  extra?: string;
}

/**
 * Composes prompts for one script, remembering the last setting so repeats are phrased more lightly, and the
 * prompts so far so none is written twice (a repeat gets another placement and a camera phrase).
 */
export function createComposer(
  random: Random,
): (setting: Setting, clause: string, options?: ComposeOptions) => string {
  let previous: Setting | undefined;
  const written = new Set<string>();
  const once = (setting: Setting, clause: string, options: ComposeOptions) => {
    let text = composePrompt(random, setting, clause, options);
    for (let attempt = 0; written.has(text) && attempt < 20; attempt++) {
      const placement = random.pick(['none', 'locative', 'opener'] as const);
      text = composePrompt(random, setting, clause, { ...options, placement, camera: 1 });
    }
    written.add(text);
    return text;
  };
  return (setting, clause, options = {}) => {
    const repeat = previous === setting;
    previous = setting;
    if (options.placement !== undefined || !repeat) return once(setting, clause, options);
    const placement = random.pick(['none', 'none', 'locative', 'opener'] as const);
    return once(setting, clause, { ...options, placement });
  };
}

/**
 * Builds a prompt from a clause ("Ravi feeds the pigeons") and a setting:
 * "In a sunny park, Ravi feeds the pigeons, the camera slowly pans left."
 */
function composePrompt(
  random: Random,
  setting: Setting,
  clause: string,
  options: ComposeOptions = {},
): string {
  const placement = options.placement ?? random.pick(['opener', 'opener', 'locative'] as const);
  let text = clause.replace(/,$/, '');
  if (placement === 'opener') text = `${setting.opener}, ${lowerArticle(text)}`;
  if (placement === 'locative') text = `${text} ${setting.locative}`;
  if (random.chance(options.camera ?? 0.4)) text = `${text}, ${random.pick(CAMERA_PHRASES)}`;
  const first = sentence(text);
  return options.extra === undefined ? first : `${first} ${sentence(options.extra)}`;
}

/** An establishing shot with nobody on screen. */
export function emptyShot(random: Random, setting: Setting): string {
  return sentence(`${setting.empty}, ${random.pick(CAMERA_PHRASES)}`);
}

/**
 * Empty establishing shots for one script: a place already shown empty is swapped for the first of `places`
 * not yet shown, so no two prompts of a script read the same.
 */
export function createEmptyShots(random: Random): (setting: Setting, places: readonly Setting[]) => string {
  const shown = new Set<string>();
  return (setting, places) => {
    const place = shown.has(setting.id) ? (places.find((other) => !shown.has(other.id)) ?? setting) : setting;
    shown.add(place.id);
    return emptyShot(random, place);
  };
}

/** A singular action that fits the setting, third person ("feeds the pigeons"). */
export function soloAction(random: Random, setting: Setting): string {
  return thirdPerson(random.chance(0.75) ? random.pick(setting.actions) : random.pick(GENERIC_ACTIONS));
}

/** A plural action for two or three people ("walk side by side"). */
export function groupAction(random: Random, setting: Setting): string {
  return random.chance(0.5) ? random.pick(GROUP_ACTIONS) : random.pick(setting.actions);
}

/** Verbs that take a person as object, base form ("talk with"). */
const INTERACTIONS = [
  'talk with',
  'wave to',
  'walk beside',
  'listen to',
  'hand a cup of tea to',
  'point something out to',
  'follow',
  'sit next to',
] as const;

const RETURNS = ['return', 'come back', 'walk back into view', 'reappear', 'step back in'] as const;

/** A return verb joined to an action, third person ("comes back and feeds the pigeons"). */
export function returnAction(random: Random, setting: Setting): string {
  return `${thirdPerson(random.pick(RETURNS))} and ${soloAction(random, setting)}`;
}

/** A singular interaction verb, third person ("waves to"). */
export function interaction(random: Random): string {
  return thirdPerson(random.pick(INTERACTIONS));
}

function lowerArticle(text: string): string {
  return text.replace(/^(A|An|The|She|He|Another|Two|Three) /, (word) => word.toLowerCase());
}
