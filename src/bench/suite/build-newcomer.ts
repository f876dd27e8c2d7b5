import { createComposer, groupAction, interaction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, refer } from './introduce.js';
import { createScriptBuilder, type ScriptBuilder } from './script-builder.js';

const ROLE_DETERMINERS = ['another', 'a second', 'a new'] as const;
const KIND_DETERMINERS = ['another', 'a second', 'a different'] as const;

/**
 * A second person of the same kind (and role) arrives — "another guard", "a second woman" — and must get
 * a new identity; sometimes the first one is off screen when the newcomer appears.
 */
export const buildNewcomer: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const cast = createCast(random);
  const [setting] = pickSettings(random, 1);
  const secondSetting = random.chance(0.4) ? pickSettings(random, 1)[0]! : setting!;
  const kind = random.pick(['woman', 'man', 'woman', 'man', 'old woman', 'old man', 'girl', 'boy'] as const);
  const role =
    kind !== 'girl' && kind !== 'boy' && random.chance(0.6) ? random.pick(setting!.roles) : undefined;
  const base = { kind, ...(role === undefined ? {} : { role }) };
  const first = cast.member({ ...base, named: random.chance(0.4) });
  const newcomer = cast.member({ ...base, named: random.chance(0.4) });
  builder.add(first);
  builder.add(newcomer);
  const arrival = 2 + random.int(2);
  // In "replace" scripts the first person is away when the newcomer arrives, so nothing on screen tells them apart.
  const replace = random.chance(0.4);
  const firstOn = (index: number) => !replace || index < arrival || index > arrival;
  const determiner = random.pick(role === undefined ? KIND_DETERMINERS : ROLE_DETERMINERS);
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const place = index < arrival ? setting! : secondSetting;
    const onScreen: Character[] = [];
    if (firstOn(index)) onScreen.push(first);
    if (index >= arrival) onScreen.push(newcomer);
    let clause: string;
    if (index === 0) {
      clause = `${introduce(builder, random, first)} ${soloAction(random, place)}`;
    } else if (index === arrival) {
      const intro = introduce(builder, random, newcomer, { determiner });
      clause = onScreen.includes(first)
        ? random.pick([
            `${intro} ${random.pick(['arrives and', 'joins in and'])} ${interaction(random)} ${mention(builder, first, 'first')}`,
            `${mention(builder, first, 'first')} ${interaction(random)} ${intro}`,
          ])
        : `${intro} ${soloAction(random, place)}`;
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
