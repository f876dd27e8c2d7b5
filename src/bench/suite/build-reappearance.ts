import {
  createComposer,
  createEmptyShots,
  groupAction,
  interaction,
  returnAction,
  soloAction,
} from './compose-prompt.js';
import { createCast } from './create-cast.js';
import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, refer } from './introduce.js';
import { joinSubjects } from './phrasing.js';
import { mentionLater } from './pick-reference.js';
import { createScriptBuilder } from './script-builder.js';
import type { Setting } from './settings.js';

// Prompts (0-based) where the returning character is on screen; each leaves a gap of >= 2 prompts. All but one
// start after the first prompt, so the sink (the first chunk) does not hold the returning character.
const PATTERNS: readonly (readonly number[])[] = [
  [1, 4, 5],
  [1, 2, 5],
  [2, 5],
  [1, 5],
  [1, 4],
  [1, 2, 5],
  [0, 3, 4, 5],
];

/**
 * A character is shown, leaves for two or more prompts, then returns named only — by name, role or pronoun,
 * never re-described. A companion keeps the screen while the returning character is away.
 */
export const buildReappearance: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const emptyShot = createEmptyShots(random);
  const cast = createCast(random);
  const [home, away] = pickSettings(random, 2) as [Setting, Setting];
  const hero = cast.member(random.chance(0.5) ? { role: random.pick(home.roles) } : {});
  // A companion of the other gender usually, so "she" / "he" can name the returning character.
  const otherGender = random.chance(0.7) ? (hero.gender === 'female' ? 'male' : 'female') : hero.gender;
  const other = cast.member({
    kind: random.pick(
      otherGender === 'female'
        ? (['woman', 'woman', 'girl', 'old woman'] as const)
        : (['man', 'man', 'boy', 'old man'] as const),
    ),
    named: random.chance(0.7),
    attributeCount: 2,
  });
  builder.add(hero);
  builder.add(other);
  const heroPrompts = random.pick(PATTERNS);
  const heroFirst = heroPrompts[0]!;
  // The companion is on screen over one unbroken stretch that covers every prompt the hero is away.
  const gaps = [...Array(PROMPTS_PER_SCRIPT).keys()].filter(
    (index) => index > heroFirst && !heroPrompts.includes(index),
  );
  const emptyStart = heroFirst > 0 && random.chance(0.35);
  const otherFirst = heroFirst === 0 ? 1 : !emptyStart ? 0 : heroFirst === 1 ? random.pick([1, gaps[0]!]) : 1;
  const otherLast = Math.max(gaps.at(-1)!, random.pick([gaps.at(-1)!, PROMPTS_PER_SCRIPT - 1]));
  const introduced = new Set<string>();
  const mention = (character: Character) => {
    if (introduced.has(character.key)) return refer(builder, character, 'name');
    introduced.add(character.key);
    return introduce(builder, random, character);
  };
  let seen = false;
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const heroOn = heroPrompts.includes(index);
    const otherOn = index >= otherFirst && index <= otherLast;
    const onScreen = [...(heroOn ? [hero] : []), ...(otherOn ? [other] : [])];
    const setting = heroOn && index < 2 ? home : heroOn ? random.pick([home, away]) : otherOn ? away : home;
    if (onScreen.length === 0) {
      builder.prompt(emptyShot(setting, [home, away]), []);
      continue;
    }
    let clause: string;
    if (heroOn && seen && !heroPrompts.includes(index - 1)) {
      const subject = mentionLater(
        builder,
        random,
        hero,
        { index, onScreen },
        { name: 3, role: 3, pronoun: 3 },
      );
      clause = `${subject} ${returnAction(random, setting)}`;
      if (otherOn) clause = `${clause} while ${mention(other)} ${soloAction(random, setting)}`;
    } else if (heroOn && otherOn) {
      const [first, second] = random.chance(0.5) ? [hero, other] : [other, hero];
      const a = mention(first);
      const b = mention(second);
      clause = random.chance(0.5)
        ? `${a} ${interaction(random)} ${b}`
        : `${joinSubjects([a, b])} ${groupAction(random, setting)}`;
    } else {
      clause = `${mention(heroOn ? hero : other)} ${soloAction(random, setting)}`;
    }
    seen ||= heroOn;
    builder.prompt(compose(setting, clause), onScreen);
  }
  return builder;
};
