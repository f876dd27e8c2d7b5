import { createComposer, groupAction, interaction, soloAction } from './compose-prompt.js';
import { type Cast, createCast } from './create-cast.js';
import type { Attribute, Character } from './create-character.js';
import type { Random } from './create-random.js';
import { attributeText, describeAttributes, nounPhrase } from './describe-character.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, refer } from './introduce.js';
import { capitalize, joinList, joinSubjects } from './phrasing.js';
import type { ScriptBuilder } from './script-builder.js';
import { createScriptBuilder } from './script-builder.js';
import { COLOURS } from './vocabulary.js';

/** Two look-alikes (same kind, same hair, same garment in different colours) and sometimes a third person. */
export const buildMultiCharacter: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const cast = createCast(random);
  const settings = pickSettings(random, 1 + random.int(2));
  const kind = random.pick(['woman', 'man', 'woman', 'man', 'girl', 'boy', 'old woman', 'old man'] as const);
  const named = random.chance(0.65);
  const first = cast.member({ kind, named, attributeCount: 3, slots: ['hair'] });
  const second = lookAlike(random, cast, first, named);
  builder.add(first);
  builder.add(second);
  const third = random.chance(0.6)
    ? cast.member({ kind: otherKind(random, first), named: random.chance(0.7) })
    : undefined;
  if (third !== undefined) builder.add(third);
  const pair = [first, second];
  const introduced = new Set<string>();
  // Unnamed look-alikes are told apart by their differing garment.
  const mention = (character: Character): string => {
    if (!introduced.has(character.key)) {
      introduced.add(character.key);
      const another = character === pair[1] && character.name === undefined && introduced.has(pair[0]!.key);
      return introduce(builder, random, character, another ? { determiner: 'another' } : {});
    }
    if (character.name !== undefined) return refer(builder, character, 'name');
    if (pair.includes(character)) return byGarment(builder, character);
    return refer(builder, character, 'description');
  };
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const setting = settings[index < 3 ? 0 : settings.length - 1]!;
    const onScreen = index === 0 ? [...pair] : chooseOnScreen(random, pair, third);
    if (index === 0 && random.chance(0.5)) {
      const { clause, extra } = jointIntro(builder, random, first, second);
      builder.prompt(compose(setting, clause, { extra, camera: 0 }), onScreen);
      for (const character of pair) introduced.add(character.key);
      continue;
    }
    const names = onScreen.map(mention);
    let clause: string;
    if (names.length === 3 && random.chance(0.5)) {
      clause = `${names[0]} ${interaction(random)} ${names[1]} while ${names[2]} ${soloAction(random, setting)}`;
    } else if (names.length === 2 && random.chance(0.5)) {
      clause = `${names[0]} ${interaction(random)} ${names[1]}`;
    } else {
      clause = `${joinSubjects(names)} ${groupAction(random, setting)}`;
    }
    builder.prompt(compose(setting, clause), onScreen);
  }
  return builder;
};

/** A copy of `model` whose top (and sometimes one more coloured item) has another colour. */
function lookAlike(random: Random, cast: Cast, model: Character, named: boolean): Character {
  const extra = model.attrs.filter(
    (attribute) =>
      !['top', 'hair', 'beard'].includes(attribute.slot) &&
      COLOURS.some((colour) => attribute.phrase.startsWith(`${colour} `)),
  );
  const changed = new Set<Attribute>([model.attrs[0]!]);
  if (extra.length > 0 && random.chance(0.35)) changed.add(random.pick(extra));
  const attrs = model.attrs.map((attribute) =>
    changed.has(attribute) ? recolour(random, cast, attribute) : attribute,
  );
  const name = named ? cast.name(model.gender) : undefined;
  const character: Character = {
    key: cast.key(name ?? model.kind),
    kind: model.kind,
    gender: model.gender,
    descriptor: model.descriptor,
    attrs,
  };
  if (name !== undefined) character.name = name;
  cast.claim(character);
  return character;
}

function recolour(random: Random, cast: Cast, attribute: Attribute): Attribute {
  const [colour = '', ...rest] = attribute.phrase.split(' ');
  const options = COLOURS.filter((c) => c !== colour && !cast.usedPhrases.has(`${c} ${rest.join(' ')}`));
  return { ...attribute, phrase: `${random.pick(options)} ${rest.join(' ')}` };
}

/** "Two women with long black hair wait ...: Mei wears a red coat and Lina wears a green coat." */
function jointIntro(
  builder: ScriptBuilder,
  random: Random,
  first: Character,
  second: Character,
): { clause: string; extra: string } {
  const shared = first.attrs.filter((attribute) => second.attrs.includes(attribute));
  const plural = first.kind.endsWith('man') ? first.kind.replace(/man$/, 'men') : `${first.kind}s`;
  const own = (character: Character, label: string) => {
    const differing = character.attrs.filter((attribute) => !shared.includes(attribute));
    const who = builder.alias(character, character.name ?? label);
    return `${who} ${differing.every((a) => a.worn) ? 'wears' : 'has'} ${joinList(differing.map(attributeText))}`;
  };
  const group = `two ${plural} ${describeAttributes(random, shared)}`;
  const firstPart = own(first, `one ${first.kind}`);
  const secondPart = own(second, `the other ${first.kind}`);
  return {
    clause: `${capitalize(group)} ${random.pick(['stand together', 'sit side by side', 'wait together'])}`,
    extra: `${firstPart} and ${secondPart}`,
  };
}

function byGarment(builder: ScriptBuilder, character: Character): string {
  const top = character.attrs[0]!;
  return builder.alias(character, `the ${nounPhrase(character, false)} in the ${top.phrase}`);
}

function chooseOnScreen(random: Random, pair: Character[], third: Character | undefined): Character[] {
  if (third === undefined) return [...pair];
  return random.pick([[...pair], [...pair, third], [pair[0]!, third], [pair[1]!, third], [...pair, third]]);
}

function otherKind(random: Random, model: Character) {
  const kinds = ['woman', 'man', 'girl', 'boy', 'old woman', 'old man'] as const;
  return random.pick(kinds.filter((kind) => kind !== model.kind));
}
