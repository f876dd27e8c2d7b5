import {
  createComposer,
  emptyShot,
  groupAction,
  interaction,
  returnAction,
  soloAction,
} from './compose-prompt.js';
import { type Cast, createCast } from './create-cast.js';
import type { Attribute, Character } from './create-character.js';
import type { Random } from './create-random.js';
import { attributeText, describeAttributes, nounPhrase } from './describe-character.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, refer } from './introduce.js';
import { capitalize, joinList, joinSubjects } from './phrasing.js';
import { mentionLater } from './pick-reference.js';
import type { ScriptBuilder } from './script-builder.js';
import { createScriptBuilder } from './script-builder.js';
import { COLOURS } from './vocabulary.js';

/**
 * Two look-alikes (same kind, same hair, same garment in different colours) share the screen; one steps away
 * and comes back, and often a third person comes and goes too. The pair enters after an establishing shot or
 * after the third person in most scripts, so the sink does not hold them.
 */
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
  const role = random.chance(0.5) ? random.pick(settings[0]!.roles) : undefined;
  const third = random.chance(0.7)
    ? cast.member({
        kind: otherKind(random, first),
        named: random.chance(0.6),
        ...(role === undefined ? {} : { role }),
      })
    : undefined;
  if (third !== undefined) builder.add(third);
  const pair = [first, second];
  const start = random.pick(
    third === undefined ? (['pair', 'empty'] as const) : (['pair', 'empty', 'empty', 'third'] as const),
  );
  const pairFirst = start === 'pair' ? 0 : 1;
  const leaver = random.pick(pair);
  const awayStart = pairFirst + 1 + random.int(4 - pairFirst);
  const awayEnd = awayStart + (awayStart <= 3 && random.chance(0.4) ? 2 : 1);
  const thirdOn = thirdSchedule(random, start, pairFirst);
  const introduced = new Set<string>();
  const seen = new Set<string>();
  // Unnamed look-alikes are told apart by their differing garment.
  const mention = (character: Character, index: number, onScreen: readonly Character[]): string => {
    if (!introduced.has(character.key)) {
      introduced.add(character.key);
      const another = character === pair[1] && character.name === undefined && introduced.has(pair[0]!.key);
      return introduce(builder, random, character, another ? { determiner: 'another' } : {});
    }
    if (pair.includes(character))
      return character.name === undefined ? byGarment(builder, character) : refer(builder, character, 'name');
    if (returning(character, index))
      return mentionLater(
        builder,
        random,
        character,
        { index, onScreen },
        { name: 1, role: 3, pronoun: 3, description: 1 },
      );
    return refer(builder, character, 'name');
  };
  const returning = (character: Character, index: number) =>
    seen.has(character.key) && !builder.presentAt(index - 1).includes(character);
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const setting = settings[index < 3 ? 0 : settings.length - 1]!;
    const onScreen: Character[] = [];
    if (index >= pairFirst) {
      for (const member of pair)
        if (member !== leaver || index < awayStart || index >= awayEnd) onScreen.push(member);
    }
    if (third !== undefined && thirdOn(index)) onScreen.push(third);
    if (onScreen.length === 0) {
      builder.prompt(emptyShot(random, setting), []);
      continue;
    }
    if (index === pairFirst && (third === undefined || !onScreen.includes(third)) && random.chance(0.5)) {
      const { clause, extra } = jointIntro(builder, random, first, second);
      builder.prompt(compose(setting, clause, { extra, camera: 0 }), onScreen);
      for (const character of pair) introduced.add(character.key);
      for (const character of onScreen) seen.add(character.key);
      continue;
    }
    // The third person leads a return they share with a look-alike, so a pronoun for them is the subject.
    const back = [...onScreen].reverse().find((character) => returning(character, index));
    const order =
      back === undefined ? onScreen : [back, ...onScreen.filter((character) => character !== back)];
    const names = order.map((character) => mention(character, index, onScreen));
    let clause: string;
    if (back !== undefined) {
      clause = `${names[0]} ${returnAction(random, setting)}`;
      const rest = names.slice(1);
      if (rest.length > 0)
        clause = `${clause} while ${joinSubjects(rest)} ${rest.length > 1 ? groupAction(random, setting) : soloAction(random, setting)}`;
    } else if (names.length === 3 && random.chance(0.5)) {
      clause = `${names[0]} ${interaction(random)} ${names[1]} while ${names[2]} ${soloAction(random, setting)}`;
    } else if (names.length === 2 && random.chance(0.5)) {
      clause = `${names[0]} ${interaction(random)} ${names[1]}`;
    } else if (names.length === 1) {
      clause = `${names[0]} ${soloAction(random, setting)}`;
    } else {
      clause = `${joinSubjects(names)} ${groupAction(random, setting)}`;
    }
    for (const character of onScreen) seen.add(character.key);
    builder.prompt(compose(setting, clause), onScreen);
  }
  return builder;
};

/** When the third person is on screen: from the first prompt for a while, or later, often leaving and returning. */
function thirdSchedule(random: Random, start: string, pairFirst: number): (index: number) => boolean {
  if (start === 'third') {
    const last = 1 + random.int(PROMPTS_PER_SCRIPT - 1);
    return (index) => index <= last;
  }
  const enter = pairFirst + 1 + random.int(3 - pairFirst);
  if (random.chance(0.8)) return (index) => index === enter || index >= enter + 2;
  return (index) => index >= enter;
}

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

/** A kind other than the model's, of the other gender in most scripts (so a pronoun can name it). */
function otherKind(random: Random, model: Character) {
  const female = ['woman', 'girl', 'old woman'] as const;
  const male = ['man', 'boy', 'old man'] as const;
  const same = model.gender === 'female' ? female : male;
  const pool = random.chance(0.75) ? (model.gender === 'female' ? male : female) : same;
  return random.pick(pool.filter((kind) => kind !== model.kind));
}
