import { createComposer, emptyShot, groupAction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, refer } from './introduce.js';
import { thirdPerson } from './phrasing.js';
import { createScriptBuilder } from './script-builder.js';
import type { Setting } from './settings.js';

// Prompts (0-based) where the returning character is on screen; each leaves a gap of >= 2 prompts. Most start
// after the first prompt, so the returning character is not held by the sink frames (the first chunk).
const PATTERNS: readonly (readonly number[])[] = [
  [0, 1, 4, 5],
  [0, 3, 4, 5],
  [1, 2, 5],
  [1, 4, 5],
  [1, 5],
  [2, 5],
  [1, 2, 5],
];

const RETURNS = ['return', 'come back', 'walk back into view', 'reappear'] as const;

/** A character is shown, leaves for two or more prompts, then returns by name only. */
export const buildReappearance: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const cast = createCast(random);
  const [home, away] = pickSettings(random, 2) as [Setting, Setting];
  const hero = cast.member(random.chance(0.4) ? { role: random.pick(home.roles) } : {});
  const other = cast.member({ named: random.chance(0.7), attributeCount: 2 });
  builder.add(hero);
  builder.add(other);
  const heroPrompts = random.pick(PATTERNS);
  const emptyGap = random.chance(0.3);
  const introduced = new Set<string>();
  const mention = (character: Character, mode: 'name' | 'role' = 'name') => {
    if (introduced.has(character.key)) return refer(builder, character, mode);
    introduced.add(character.key);
    return introduce(builder, random, character);
  };
  let wasAbsent = false;
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const heroOn = heroPrompts.includes(index);
    const setting = heroOn && index < 2 ? home : heroOn ? random.pick([home, away]) : away;
    if (heroOn) {
      const mode = hero.role !== undefined && random.chance(0.4) ? 'role' : 'name';
      const subject = mention(hero, mode);
      const withOther = introduced.has(other.key) && random.chance(0.5);
      let clause: string;
      if (wasAbsent) {
        clause = `${subject} ${thirdPerson(random.pick(RETURNS))} and ${soloAction(random, setting)}`;
        if (withOther)
          clause = `${clause} while ${refer(builder, other, 'name')} ${soloAction(random, setting)}`;
      } else if (withOther) {
        clause = `${subject} and ${refer(builder, other, 'name')} ${groupAction(random, setting)}`;
      } else {
        clause = `${subject} ${soloAction(random, setting)}`;
      }
      builder.prompt(compose(setting, clause), withOther ? [hero, other] : [hero]);
      wasAbsent = false;
      continue;
    }
    wasAbsent = true;
    if (emptyGap && introduced.has(other.key) && !heroPrompts.includes(index - 1)) {
      builder.prompt(emptyShot(random, setting), []);
      continue;
    }
    const clause = `${mention(other)} ${soloAction(random, setting)}`;
    builder.prompt(compose(setting, clause), [other]);
  }
  return builder;
};
