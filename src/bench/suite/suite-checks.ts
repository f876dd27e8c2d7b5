import type { SuiteCharacter, SuiteScript } from './suite-script.js';
import { FEMALE_NAMES, MALE_NAMES } from './vocabulary.js';

/** The 0-based prompt where a character is first on screen, or -1. */
export function firstPresence(script: SuiteScript, key: string): number {
  return script.present.findIndex((keys) => keys.includes(key));
}

/**
 * Annotation problems of one script, as readable strings (empty when the annotations are truthful):
 * present keys exist, at most 3 on screen, aliases occur in the prompts, attrs occur where the character
 * is introduced (or where its change starts), at least 2 attrs per character, every character on screen is
 * referred to in its prompt, a name is written only where its character is on screen, and every pronoun
 * can be resolved (see {@link findPronounProblems}).
 */
export function findAnnotationProblems(script: SuiteScript): string[] {
  const problems: string[] = [];
  const lower = script.prompts.map((prompt) => prompt.toLowerCase());
  if (script.present.length !== script.prompts.length) problems.push('present length differs from prompts');
  script.present.forEach((keys, index) => {
    if (keys.length > 3) problems.push(`prompt ${index + 1}: more than 3 on screen`);
    for (const key of keys) {
      if (script.characters[key] === undefined) problems.push(`prompt ${index + 1}: unknown key ${key}`);
    }
  });
  for (const [key, character] of Object.entries(script.characters)) {
    const first = firstPresence(script, key);
    if (first < 0) problems.push(`${key}: never on screen`);
    if (character.attrs.length < 2) problems.push(`${key}: fewer than 2 attrs`);
    for (const alias of character.aliases) {
      if (!lower.some((prompt) => containsWord(prompt, alias)))
        problems.push(`${key}: alias "${alias}" unused`);
    }
    script.present.forEach((keys, index) => {
      const prompt = lower[index] ?? '';
      const said = character.aliases.some((alias) => containsWord(prompt, alias));
      if (keys.includes(key) && !said)
        problems.push(`${key}: on screen in prompt ${index + 1} but not referred to`);
      const named = character.aliases.some((alias) => NAMES.has(alias) && containsWord(prompt, alias));
      if (named && !keys.includes(key))
        problems.push(`${key}: named in prompt ${index + 1} but not on screen`);
    });
    for (const attr of character.attrs) {
      if (!containsWord(lower[first] ?? '', attr))
        problems.push(`${key}: attr "${attr}" not in its intro prompt`);
    }
    for (const [number, attrs] of Object.entries(character.changes ?? {})) {
      const index = Number(number) - 1;
      if (!script.present[index]?.includes(key)) problems.push(`${key}: not on screen at change ${number}`);
      for (const attr of attrs) {
        if (!containsWord(lower[index] ?? '', attr))
          problems.push(`${key}: change "${attr}" not in prompt ${number}`);
      }
    }
  }
  problems.push(...findPronounProblems(script));
  return problems;
}

const NAMES = new Set<string>([...FEMALE_NAMES, ...MALE_NAMES]);
const FEMALE_WORDS = /(^|[^a-z-])(she|woman|women|girl|girls|waitress|fisherwoman)($|[^a-z-])/i;
const MALE_WORDS = /(^|[^a-z-])(he|man|men|boy|boys|waiter|fisherman)($|[^a-z-])/i;

/** The gender a reader can tell from a character's aliases (name, pronoun, kind or gendered role), if any. */
export function readGender(character: SuiteCharacter): 'female' | 'male' | undefined {
  const female = character.aliases.some(
    (alias) => (FEMALE_NAMES as readonly string[]).includes(alias) || FEMALE_WORDS.test(alias),
  );
  const male = character.aliases.some(
    (alias) => (MALE_NAMES as readonly string[]).includes(alias) || MALE_WORDS.test(alias),
  );
  if (female === male) return undefined;
  return female ? 'female' : 'male';
}

/**
 * Pronouns a reader cannot resolve. "she" / "he" in a prompt must belong to a character on screen there; nobody
 * else on screen may be called the same; and the latest earlier prompt with anyone who could be (same gender,
 * or a gender the text never shows) must show that character and no one else who could.
 */
export function findPronounProblems(script: SuiteScript): string[] {
  const problems: string[] = [];
  const genders = new Map(Object.entries(script.characters).map(([key, c]) => [key, readGender(c)]));
  script.prompts.forEach((prompt, index) => {
    for (const pronoun of ['she', 'he']) {
      if (!containsWord(prompt, pronoun)) continue;
      const owners = (script.present[index] ?? []).filter((key) =>
        script.characters[key]?.aliases.includes(pronoun),
      );
      if (owners.length !== 1) {
        problems.push(`prompt ${index + 1}: "${pronoun}" belongs to ${owners.length} characters on screen`);
        continue;
      }
      const owner = owners[0]!;
      const rivals = (keys: readonly string[]) =>
        keys.filter(
          (key) => key !== owner && (genders.get(key) ?? genders.get(owner)) === genders.get(owner),
        );
      let clear = rivals(script.present[index] ?? []).length === 0;
      let found = false;
      for (let earlier = index - 1; clear && !found && earlier >= 0; earlier--) {
        const keys = script.present[earlier] ?? [];
        if (rivals(keys).length > 0) clear = false;
        found = keys.includes(owner);
      }
      if (!clear || !found) problems.push(`prompt ${index + 1}: "${pronoun}" (${owner}) is ambiguous`);
    }
  });
  return problems;
}

/** Case-insensitive whole-word containment ("he" does not match "the"). */
export function containsWord(text: string, phrase: string): boolean {
  const escaped = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z-])${escaped}($|[^a-z-])`).test(text.toLowerCase());
}
