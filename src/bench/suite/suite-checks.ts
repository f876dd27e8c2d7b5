import type { SuiteScript } from './suite-script.js';

/** The 0-based prompt where a character is first on screen, or -1. */
export function firstPresence(script: SuiteScript, key: string): number {
  return script.present.findIndex((keys) => keys.includes(key));
}

/**
 * Annotation problems of one script, as readable strings (empty when the annotations are truthful):
 * present keys exist, at most 3 on screen, aliases occur in the prompts, attrs occur where the character
 * is introduced (or where its change starts), at least 2 attrs per character.
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
  return problems;
}

/** Case-insensitive whole-word containment ("he" does not match "the"). */
export function containsWord(text: string, phrase: string): boolean {
  const escaped = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z-])${escaped}($|[^a-z-])`).test(text.toLowerCase());
}
