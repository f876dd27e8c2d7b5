import { type Character, createCharacter, type Slot } from './create-character.js';
import type { Random } from './create-random.js';
import { FEMALE_NAMES, type Kind, MALE_NAMES } from './vocabulary.js';

/** Options for one cast member. */
export interface MemberOptions {
  kind?: Kind;
  /** Give the character a name (default true). */
  named?: boolean;
  /** A role noun ("guard"); only adults get one. */
  role?: string;
  /** Attribute count, 2 or 3 (default: random). */
  attributeCount?: number;
  slots?: readonly Slot[];
}

/** Draws the characters of one script so that names, keys, descriptors and attribute phrases never clash. */
export interface Cast {
  member(options?: MemberOptions): Character;
  /** Attribute phrases used so far in the script. */
  readonly usedPhrases: Set<string>;
  /** Registers a hand-made character (look-alikes) so later draws avoid its name and phrases. */
  claim(character: Character): void;
  /** A fresh key for an unnamed character. */
  key(base: string): string;
  /** An unused name for a gender. */
  name(gender: 'female' | 'male'): string;
}

const KIND_WEIGHTS: readonly Kind[] = [
  'woman',
  'woman',
  'woman',
  'man',
  'man',
  'man',
  'girl',
  'boy',
  'old woman',
  'old man',
];

/** Creates an empty {@link Cast}. */
export function createCast(random: Random): Cast {
  const usedPhrases = new Set<string>();
  const usedNames = new Set<string>();
  const usedKeys = new Set<string>();
  const descriptors = new Map<Kind, Set<string>>();
  const key = (base: string): string => {
    const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    let candidate = slug;
    for (let suffix = 2; usedKeys.has(candidate); suffix++) candidate = `${slug}-${suffix}`;
    usedKeys.add(candidate);
    return candidate;
  };
  const name = (gender: 'female' | 'male'): string => {
    const pool = (gender === 'female' ? FEMALE_NAMES : MALE_NAMES).filter((entry) => !usedNames.has(entry));
    const chosen = random.pick(pool);
    usedNames.add(chosen);
    return chosen;
  };
  const claim = (character: Character) => {
    if (character.name !== undefined) usedNames.add(character.name);
    for (const attribute of character.attrs) usedPhrases.add(attribute.phrase);
    const used = descriptors.get(character.kind) ?? new Set<string>();
    used.add(character.descriptor);
    descriptors.set(character.kind, used);
  };
  return {
    usedPhrases,
    claim,
    key,
    name,
    member(options = {}) {
      const kind = options.kind ?? random.pick(KIND_WEIGHTS);
      const female = kind === 'woman' || kind === 'girl' || kind === 'old woman';
      const adult = kind !== 'girl' && kind !== 'boy';
      const characterName = options.named === false ? undefined : name(female ? 'female' : 'male');
      const role = adult ? options.role : undefined;
      const character = createCharacter(random, {
        kind,
        key: key(characterName ?? role ?? kind),
        attributeCount: options.attributeCount ?? 2 + random.int(2),
        usedPhrases,
        usedDescriptors: descriptors.get(kind) ?? new Set(),
        ...(characterName === undefined ? {} : { name: characterName }),
        ...(role === undefined ? {} : { role }),
        ...(options.slots === undefined ? {} : { slots: options.slots }),
      });
      claim(character);
      return character;
    },
  };
}
