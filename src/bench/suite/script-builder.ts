import type { Attribute, Character } from './create-character.js';
import type { SuiteCharacter, SuiteDimension, SuiteScript } from './suite-script.js';

/** Accumulates prompts and the annotations that describe them, so annotations are true by construction. */
export interface ScriptBuilder {
  /** Registers a character; its attribute phrases become its `attrs`. */
  add(character: Character): void;
  /** Records `text` as an alias of the character and returns it. */
  alias(character: Character, text: string): string;
  /** Records a change that starts at 1-based prompt `promptNumber`. */
  change(character: Character, promptNumber: number, attributes: readonly Attribute[]): void;
  /** Appends a prompt with the characters on screen. */
  prompt(text: string, present: readonly Character[]): void;
  /** Characters on screen in an earlier prompt (0-based); empty before the first. */
  presentAt(index: number): readonly Character[];
  /** Number of prompts so far. */
  readonly length: number;
  /** The finished script line. */
  build(id: string, dimension: SuiteDimension): SuiteScript;
}

/** Creates an empty {@link ScriptBuilder}. */
export function createScriptBuilder(): ScriptBuilder {
  const characters = new Map<string, { character: Character; annotation: SuiteCharacter }>();
  const prompts: string[] = [];
  const present: Character[][] = [];
  const entry = (character: Character) => {
    const found = characters.get(character.key);
    if (found === undefined) throw new Error(`character ${character.key} was never added`);
    return found;
  };
  return {
    add(character) {
      if (characters.has(character.key)) throw new Error(`duplicate character key ${character.key}`);
      characters.set(character.key, {
        character,
        annotation: { aliases: [], attrs: character.attrs.map((attribute) => attribute.phrase) },
      });
    },
    alias(character, text) {
      const { aliases } = entry(character).annotation;
      const known = aliases.some((alias) => alias.toLowerCase() === text.toLowerCase());
      if (!known) aliases.push(text);
      return text;
    },
    change(character, promptNumber, attributes) {
      const { annotation } = entry(character);
      annotation.changes ??= {};
      annotation.changes[String(promptNumber)] = attributes.map((attribute) => attribute.phrase);
    },
    prompt(text, onScreen) {
      if (onScreen.length > 3) throw new Error('at most 3 characters on screen');
      for (const character of onScreen) entry(character);
      prompts.push(text);
      present.push([...onScreen]);
    },
    presentAt: (index) => present[index] ?? [],
    get length() {
      return prompts.length;
    },
    build(id, dimension) {
      const annotations: Record<string, SuiteCharacter> = {};
      for (const [key, { annotation }] of characters) annotations[key] = annotation;
      return {
        id,
        dimension,
        prompts: [...prompts],
        characters: annotations,
        present: present.map((list) => list.map((character) => character.key)),
      };
    },
  };
}
