import { createComposer, createEmptyShots, groupAction, returnAction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import { type Attribute, type Character, drawAttribute, type Slot } from './create-character.js';
import type { Random } from './create-random.js';
import { attributeText } from './describe-character.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, refer } from './introduce.js';
import { joinSubjects } from './phrasing.js';
import { mentionLater } from './pick-reference.js';
import { createScriptBuilder, type ScriptBuilder } from './script-builder.js';

const CHANGE_SLOTS: readonly Slot[] = ['top', 'top', 'hat', 'scarf', 'glasses', 'hair', 'umbrella', 'bag'];

/**
 * A deliberate, lasting change: "Ravi now wears a blue raincoat", annotated in `changes`. The changing person
 * then steps away and comes back — or changes while away and comes back changed — so memory has to hold the new
 * look, not the sink's first one. Later prompts restate the change only sometimes.
 */
export const buildAttributeChange: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const emptyShot = createEmptyShots(random);
  const cast = createCast(random);
  const settings = pickSettings(random, 2 + random.int(2));
  const changer = cast.member(random.chance(0.6) ? { role: random.pick(settings[0]!.roles) } : {});
  const partner = random.chance(0.5)
    ? cast.member({ attributeCount: 2, kind: partnerKind(random, changer) })
    : undefined;
  builder.add(changer);
  if (partner !== undefined) builder.add(partner);
  const changerFirst = random.chance(0.2) ? 0 : 1;
  const offScreen = random.chance(0.35);
  // On screen: the change at 1-based prompt 2-4, then one prompt away. Off screen: away, back changed.
  const change = offScreen ? 0 : changerFirst + 1 + random.int(3 - changerFirst);
  const away = offScreen
    ? changerFirst + 1 + random.int(4 - changerFirst - 1)
    : change + 1 + random.int(4 - change);
  const plan = new Map<number, Character>([[offScreen ? away + 1 : change, changer]]);
  const partnerFirst = changerFirst === 1 && random.chance(0.6) ? 0 : random.int(2);
  if (partner !== undefined && random.chance(0.4) && !plan.has(4)) plan.set(4, partner);
  const current = new Map<string, Attribute>();
  const state = { current, usedPhrases: cast.usedPhrases };
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const setting = settings[Math.min(settings.length - 1, Math.floor((index * settings.length) / 6))]!;
    const onScreen: Character[] = [];
    if (index >= changerFirst && index !== away) onScreen.push(changer);
    if (partner !== undefined && index >= partnerFirst) onScreen.push(partner);
    if (onScreen.length === 0) {
      builder.prompt(emptyShot(setting, settings), []);
      continue;
    }
    const changing = plan.get(index);
    const parts = onScreen.map((member) => {
      const before = builder.presentAt(index - 1).includes(member);
      if (index === (member === changer ? changerFirst : partnerFirst))
        return introduce(builder, random, member);
      if (member === changing && !before) {
        const subject = mentionLater(
          builder,
          random,
          member,
          { index, onScreen },
          { name: 2, pronoun: 3, role: 4 },
        );
        return `${subject} ${returnChanged(builder, random, member, index, state)}`;
      }
      if (member === changing) return changeClause(builder, random, member, index, state);
      const subject = before
        ? refer(builder, member, 'name')
        : mentionLater(builder, random, member, { index, onScreen }, { name: 2, pronoun: 3, role: 4 });
      const changed = current.get(member.key);
      // Some later prompts restate the change; the rest leave it to memory.
      if (changed !== undefined && random.chance(before ? 0.5 : 0.3))
        return `${subject}, ${stillPhrase(changed)},`;
      return subject;
    });
    const returning = onScreen.find(
      (member) =>
        member !== changing &&
        !builder.presentAt(index - 1).includes(member) &&
        index !== changerFirst &&
        index !== partnerFirst,
    );
    let clause: string;
    if (changing !== undefined && onScreen.includes(changing)) {
      const position = onScreen.indexOf(changing);
      const changed = parts[position]!;
      clause = `${changed}${changed.endsWith(',') ? '' : ' and'} ${soloAction(random, setting)}`;
      const other = parts[1 - position];
      if (onScreen.length > 1 && other !== undefined)
        clause = `${clause}, while ${other} ${soloAction(random, setting)}`;
    } else if (returning !== undefined && onScreen.length > 1) {
      const position = onScreen.indexOf(returning);
      const back = parts[position]!;
      clause = `${back} ${returnAction(random, setting)} while ${parts[1 - position]} ${soloAction(random, setting)}`;
    } else if (returning !== undefined) {
      clause = `${parts[0]} ${returnAction(random, setting)}`;
    } else {
      clause =
        onScreen.length === 1
          ? `${parts[0]} ${soloAction(random, setting)}`
          : `${joinSubjects(parts)} ${groupAction(random, setting)}`;
    }
    builder.prompt(compose(setting, clause), onScreen);
  }
  return builder;
};

/** Another adult, of the other gender in most scripts. */
function partnerKind(random: Random, model: Character) {
  const female = model.gender === 'female';
  return random.chance(0.65)
    ? random.pick(female ? (['man', 'man', 'old man'] as const) : (['woman', 'woman', 'old woman'] as const))
    : random.pick(female ? (['woman', 'old woman'] as const) : (['man', 'old man'] as const));
}

/** "comes back in a blue raincoat and sits down": a change made off screen, recorded at this prompt. */
function returnChanged(
  builder: ScriptBuilder,
  random: Random,
  member: Character,
  index: number,
  change: { current: Map<string, Attribute>; usedPhrases: Set<string> },
): string {
  const attribute = drawAttribute(random, random.pick(CHANGE_SLOTS), member.kind, change.usedPhrases);
  change.current.set(member.key, attribute);
  builder.change(member, index + 1, [attribute]);
  const text = attributeText(attribute);
  const verb = random.pick(['comes back', 'returns', 'reappears']);
  if (attribute.worn) return `${verb} ${random.pick(['wearing', 'in'])} ${text}`;
  if (attribute.slot === 'hair') return `${verb} with ${text}`;
  return `${verb} carrying ${text}`;
}

/** "Ravi now wears a blue raincoat" — records the change at the 1-based prompt number. */
function changeClause(
  builder: ScriptBuilder,
  random: Random,
  member: Character,
  index: number,
  change: { current: Map<string, Attribute>; usedPhrases: Set<string> },
): string {
  const slot = random.pick(CHANGE_SLOTS);
  const attribute = drawAttribute(random, slot, member.kind, change.usedPhrases);
  const { current } = change;
  current.set(member.key, attribute);
  builder.change(member, index + 1, [attribute]);
  const name = refer(builder, member, 'name');
  const text = attributeText(attribute);
  switch (slot) {
    case 'top':
      return random.pick([
        `${name} now wears ${text}`,
        `${name} has changed into ${text}`,
        `${name}, now in ${text},`,
      ]);
    case 'hat':
    case 'scarf':
    case 'glasses':
      return random.pick([`${name} puts on ${text}`, `${name} now wears ${text}`]);
    case 'hair':
      return `${name} now has ${text}`;
    default:
      return `${name} now carries ${text}`;
  }
}

/** "still wearing the blue raincoat", "still carrying the red umbrella", "still with short blonde hair". */
function stillPhrase(attribute: Attribute): string {
  if (attribute.worn) return `still wearing the ${attribute.phrase}`;
  if (attribute.slot === 'hair') return `still with ${attributeText(attribute)}`;
  return `still carrying the ${attribute.phrase}`;
}
