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
import { mentionLater } from './pick-reference.js';
import { createScriptBuilder, type ScriptBuilder } from './script-builder.js';

const ROLE_DETERMINERS = ['another', 'a second', 'a new'] as const;
const KIND_DETERMINERS = ['another', 'a second', 'a different'] as const;

/**
 * A second person of the same kind (and role) arrives — "another guard", "a second woman" — and must get
 * a new identity. Someone steps away too: the first person before the newcomer arrives (back by pronoun or
 * role), or while the newcomer arrives ("replace": nothing on screen tells them apart), or one of the two later.
 */
export const buildNewcomer: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const emptyShot = createEmptyShots(random);
  const cast = createCast(random);
  const [setting] = pickSettings(random, 1);
  const secondSetting = random.chance(0.4) ? pickSettings(random, 1)[0]! : setting!;
  const places = [setting!, secondSetting, ...pickSettings(random, 2)];
  const kind = random.pick(['woman', 'man', 'woman', 'man', 'old woman', 'old man', 'girl', 'boy'] as const);
  const role =
    kind !== 'girl' && kind !== 'boy' && random.chance(0.6) ? random.pick(setting!.roles) : undefined;
  const base = { kind, ...(role === undefined ? {} : { role }) };
  const first = cast.member({ ...base, named: random.chance(0.4) });
  const newcomer = cast.member({ ...base, named: random.chance(0.4) });
  builder.add(first);
  builder.add(newcomer);
  const firstOn = random.chance(0.2) ? 0 : 1;
  const shape = random.pick(['before', 'replace', 'replace', 'later'] as const);
  const arrival =
    shape === 'before' ? firstOn + 3 : shape === 'later' ? firstOn + 2 : firstOn + 2 + random.int(2);
  // The prompt where one of the two is away, and who.
  const away = shape === 'before' ? firstOn + 1 : shape === 'replace' ? arrival : arrival + 1;
  const leaver = shape === 'later' && random.chance(0.5) ? newcomer : first;
  const determiner = random.pick(role === undefined ? KIND_DETERMINERS : ROLE_DETERMINERS);
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const place = index < arrival ? setting! : secondSetting;
    const onScreen: Character[] = [];
    if (index >= firstOn && !(leaver === first && index === away)) onScreen.push(first);
    if (index >= arrival && !(leaver === newcomer && index === away)) onScreen.push(newcomer);
    if (onScreen.length === 0) {
      builder.prompt(emptyShot(place, places), []);
      continue;
    }
    const back = onScreen.find((character) => index === away + 1 && character === leaver);
    let clause: string;
    if (index === firstOn) {
      clause = `${introduce(builder, random, first)} ${soloAction(random, place)}`;
    } else if (index === arrival) {
      const intro = introduce(builder, random, newcomer, { determiner });
      clause = onScreen.includes(first)
        ? random.pick([
            `${intro} ${random.pick(['arrives and', 'joins in and'])} ${interaction(random)} ${mention(builder, first, 'first')}`,
            `${mention(builder, first, 'first')} ${interaction(random)} ${intro}`,
          ])
        : `${intro} ${soloAction(random, place)}`;
    } else if (back !== undefined && index < arrival) {
      // Nobody of the kind but the first person has been seen: a pronoun or the role is clear.
      const subject = mentionLater(
        builder,
        random,
        first,
        { index, onScreen },
        { name: 2, role: 3, pronoun: 4 },
      );
      clause = `${subject} ${returnAction(random, place)}`;
    } else if (back !== undefined) {
      const subject = mention(builder, back, back === first ? 'first' : 'second');
      const other = onScreen.find((character) => character !== back);
      clause = `${subject} ${returnAction(random, place)}`;
      if (other !== undefined)
        clause = `${clause} while ${mention(builder, other, other === first ? 'first' : 'second')} ${soloAction(random, place)}`;
    } else {
      const names = onScreen.map((character) =>
        index < arrival
          ? refer(builder, character, 'name')
          : mention(builder, character, character === first ? 'first' : 'second'),
      );
      clause =
        names.length === 1
          ? `${names[0]} ${soloAction(random, place)}`
          : random.chance(0.5)
            ? `${names[0]} and ${names[1]} ${groupAction(random, place)}`
            : `${names[0]} ${interaction(random)} ${names[1]}`;
    }
    builder.prompt(compose(place, clause), onScreen);
  }
  return builder;
};

/** Name, or "the first guard" / "the second guard" for unnamed people. */
function mention(builder: ScriptBuilder, character: Character, order: 'first' | 'second'): string {
  if (character.name !== undefined) return refer(builder, character, 'name');
  const noun = character.role ?? character.kind;
  const word = order === 'first' ? 'first' : 'second';
  return builder.alias(character, `the ${word} ${noun}`);
}
