import { createComposer, groupAction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import { type Attribute, type Character, drawAttribute, type Slot } from './create-character.js';
import type { Random } from './create-random.js';
import { attributeText } from './describe-character.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, refer } from './introduce.js';
import { joinSubjects } from './phrasing.js';
import { createScriptBuilder, type ScriptBuilder } from './script-builder.js';

const CHANGE_SLOTS: readonly Slot[] = ['top', 'top', 'hat', 'scarf', 'glasses', 'hair', 'umbrella', 'bag'];

/** A deliberate, lasting change: "Ravi now wears a blue raincoat", annotated in `changes`. */
export const buildAttributeChange: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const cast = createCast(random);
  const settings = pickSettings(random, 2 + random.int(2));
  const members: Character[] = [cast.member()];
  if (random.chance(0.5)) members.push(cast.member({ attributeCount: 2 }));
  for (const member of members) builder.add(member);
  // One change at prompt 3 or 4 (1-based), sometimes a second one at prompt 5 for the other person.
  const plan = new Map<number, Character>([[2 + random.int(2), members[0]!]]);
  if (random.chance(0.4)) plan.set(4, members[1] ?? members[0]!);
  const current = new Map<string, Attribute>();
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const setting = settings[Math.min(settings.length - 1, Math.floor((index * settings.length) / 6))]!;
    const changing = plan.get(index);
    const parts = members.map((member) => {
      if (index === 0) return introduce(builder, random, member);
      const name = refer(builder, member, 'name');
      if (member === changing)
        return changeClause(builder, random, member, index, { current, usedPhrases: cast.usedPhrases });
      const changed = current.get(member.key);
      // Half of the later prompts restate the change; the rest leave it to memory.
      if (changed !== undefined && random.chance(0.5)) {
        return `${name}, ${stillPhrase(changed)},`;
      }
      return name;
    });
    let clause: string;
    if (changing !== undefined) {
      const position = members.indexOf(changing);
      const changed = parts[position]!;
      clause = `${changed}${changed.endsWith(',') ? '' : ' and'} ${soloAction(random, setting)}`;
      const other = parts[1 - position];
      if (members.length > 1 && other !== undefined)
        clause = `${clause}, while ${other} ${soloAction(random, setting)}`;
    } else {
      clause =
        members.length === 1
          ? `${parts[0]} ${soloAction(random, setting)}`
          : `${joinSubjects(parts)} ${groupAction(random, setting)}`;
    }
    builder.prompt(compose(setting, clause), members);
  }
  return builder;
};

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
