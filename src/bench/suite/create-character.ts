import type { Random } from './create-random.js';
import {
  ADULT_DESCRIPTORS,
  BAGS,
  CHILD_DESCRIPTORS,
  COLOURS,
  GARMENTS,
  GLASSES,
  HAIR_COLOURS,
  HAIR_SHAPES,
  HAIR_STYLES,
  HATS,
  type Kind,
  SHOES,
} from './vocabulary.js';

/** Which part of a look an attribute describes; one attribute per slot. */
export type Slot = 'hair' | 'beard' | 'top' | 'hat' | 'glasses' | 'scarf' | 'bag' | 'shoes' | 'umbrella';

/** A visual attribute as written in a prompt. */
export interface Attribute {
  slot: Slot;
  /** The phrase recorded in `attrs` ("gray scarf"). */
  phrase: string;
  /** Whether the prompt writes it with an article ("a gray scarf"). */
  article: boolean;
  /** Worn items read "in a ..." / "wearing ..."; the rest read "with ...". */
  worn: boolean;
}

/** A character of a script as the generator knows it (richer than the annotation). */
export interface Character {
  /** Key in the annotation's `characters`. */
  key: string;
  name?: string;
  kind: Kind;
  gender: 'female' | 'male';
  /** Build or age word for descriptions ("young"); empty for old kinds. */
  descriptor: string;
  role?: string;
  attrs: Attribute[];
}

/** Options for {@link createCharacter}. */
export interface CharacterOptions {
  kind: Kind;
  key: string;
  name?: string;
  role?: string;
  /** How many attributes to draw (at least 2; the first is always a top). */
  attributeCount: number;
  /** Attribute phrases already used in the script; not drawn again, and new ones are added. */
  usedPhrases: Set<string>;
  /** Descriptors already used for this kind in the script. */
  usedDescriptors?: ReadonlySet<string>;
  /** Slots that must be drawn (after the top). */
  slots?: readonly Slot[];
}

const CHILD_KINDS: readonly Kind[] = ['girl', 'boy'];
const FEMALE_KINDS: readonly Kind[] = ['woman', 'girl', 'old woman'];

/** Draws a character with distinct visual attributes. */
export function createCharacter(random: Random, options: CharacterOptions): Character {
  const { kind } = options;
  const gender = FEMALE_KINDS.includes(kind) ? 'female' : 'male';
  const descriptors = CHILD_KINDS.includes(kind)
    ? CHILD_DESCRIPTORS
    : kind.startsWith('old')
      ? ['']
      : ADULT_DESCRIPTORS;
  const free = descriptors.filter((word) => !options.usedDescriptors?.has(word));
  const character: Character = {
    key: options.key,
    kind,
    gender,
    descriptor: random.pick(free.length > 0 ? free : descriptors),
    attrs: [],
  };
  if (options.name !== undefined) character.name = options.name;
  if (options.role !== undefined) character.role = genderRole(options.role, gender);
  const slots: Slot[] = ['top', ...(options.slots ?? [])];
  const optional = random.shuffle(optionalSlots(kind).filter((slot) => !slots.includes(slot)));
  // Hair is the most common second attribute in real prompts.
  if (optional.includes('hair') && random.chance(0.5)) {
    optional.splice(optional.indexOf('hair'), 1);
    optional.unshift('hair');
  }
  while (slots.length < Math.max(2, options.attributeCount)) slots.push(optional.shift()!);
  for (const slot of slots) {
    character.attrs.push(drawAttribute(random, slot, kind, options.usedPhrases));
  }
  return character;
}

/** Draws one attribute for a slot that no other character in the script has. */
export function drawAttribute(random: Random, slot: Slot, kind: Kind, usedPhrases: Set<string>): Attribute {
  for (let attempt = 0; attempt < 50; attempt++) {
    const attribute = proposeAttribute(random, slot, kind);
    if (!usedPhrases.has(attribute.phrase)) {
      usedPhrases.add(attribute.phrase);
      return attribute;
    }
  }
  throw new Error(`no free ${slot} attribute for ${kind}`);
}

function optionalSlots(kind: Kind): Slot[] {
  const slots: Slot[] = ['hair', 'hat', 'glasses', 'scarf', 'bag', 'shoes', 'umbrella'];
  if (kind === 'man' || kind === 'old man') slots.push('beard');
  return slots;
}

function proposeAttribute(random: Random, slot: Slot, kind: Kind): Attribute {
  const colour = random.pick(COLOURS);
  const child = CHILD_KINDS.includes(kind);
  switch (slot) {
    case 'hair': {
      const hairColour = kind.startsWith('old')
        ? random.pick(['gray', 'white'] as const)
        : random.pick(HAIR_COLOURS.filter((name) => name !== 'gray' && name !== 'white'));
      if (FEMALE_KINDS.includes(kind) && random.chance(0.3)) {
        return { slot, phrase: `${hairColour} ${random.pick(HAIR_SHAPES)}`, article: true, worn: false };
      }
      return { slot, phrase: `${random.pick(HAIR_STYLES)} ${hairColour} hair`, article: false, worn: false };
    }
    case 'beard': {
      const beardColour =
        kind === 'old man' ? random.pick(['gray', 'white'] as const) : random.pick(HAIR_COLOURS);
      return {
        slot,
        phrase: `${random.pick(['short', 'thick', 'neat'])} ${beardColour} beard`,
        article: true,
        worn: false,
      };
    }
    case 'top': {
      const garments = GARMENTS.filter(
        (garment) => (!garment.female || FEMALE_KINDS.includes(kind)) && (!child || garment.child),
      );
      const noun = random.pick(garments).noun;
      return { slot, phrase: `${colour} ${noun}`, article: noun !== 'overalls', worn: true };
    }
    case 'hat':
      return { slot, phrase: `${colour} ${random.pick(HATS)}`, article: true, worn: true };
    case 'glasses':
      return { slot, phrase: random.pick(GLASSES), article: false, worn: true };
    case 'scarf':
      return { slot, phrase: `${colour} scarf`, article: true, worn: true };
    case 'bag':
      return { slot, phrase: `${colour} ${random.pick(BAGS)}`, article: true, worn: false };
    case 'shoes':
      return { slot, phrase: `${colour} ${random.pick(SHOES)}`, article: false, worn: true };
    case 'umbrella':
      return { slot, phrase: `${colour} umbrella`, article: true, worn: false };
  }
}

/** The role noun for a gender ("fisherman" -> "fisherwoman"). */
export function genderRole(role: string, gender: 'female' | 'male'): string {
  if (gender === 'male') return role;
  if (role === 'fisherman') return 'fisherwoman';
  if (role === 'waiter') return 'waitress';
  return role;
}
