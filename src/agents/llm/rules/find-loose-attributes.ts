import { BODY_SLOTS, COLOR_WORDS, WEARABLE_SLOTS } from '../../../entities/registry-vocabulary.js';
import type { AttributePhrase } from './find-mentions.js';
import { EXTRA_BODY, EXTRA_WEARABLES, MODIFIED_FEATURES, WEARABLE_MODIFIERS } from './lexicon.js';
import type { Token } from './tokenize.js';

const COPULAS: ReadonlySet<string> = new Set(['is', 'was', 'looks', 'seems', 'appears', 'remains', 'stays']);
const FEATURE_MODIFIERS: ReadonlySet<string> = new Set(
  'shaved shaven bald freckled tanned wrinkled scarred weathered rosy crooked broken sunburned'.split(' '),
);

/**
 * Attributes outside clothing phrases: a colour worn ("the woman in red", "dressed all in black"), a build or age
 * said of someone ("she is tall", "a man, gaunt and pale,"), and body parts with a modifier ("blue eyes", "a
 * shaved head").
 */
function isBody(word: string): boolean {
  return BODY_SLOTS.has(word) || EXTRA_BODY.has(word);
}

export function findLooseAttributes(tokens: readonly Token[]): AttributePhrase[] {
  const phrases: AttributePhrase[] = [];
  tokens.forEach((token, index) => {
    const word = token.lower;
    const previous = tokens[index - 1]?.lower ?? '';
    const next = tokens[index + 1];
    if (
      COLOR_WORDS.has(word) &&
      (previous === 'in' ||
        previous === 'wearing' ||
        (previous === 'all' && tokens[index - 2]?.lower === 'in'))
    ) {
      // "in red shoes" is a clothing phrase of its own; "in red, she waits" or "in red walks" is the colour worn.
      const follows = next?.lower ?? '';
      const clothing =
        WEARABLE_SLOTS.has(follows) || EXTRA_WEARABLES.has(follows) || COLOR_WORDS.has(follows);
      const phrase =
        next &&
        !next.tags.has('Verb') &&
        !next.tags.has('Plural') &&
        (next.tags.has('Noun') || next.tags.has('Adjective'));
      if (!clothing && !phrase && !WEARABLE_MODIFIERS.has(follows))
        phrases.push({ text: word, first: index, last: index });
      return;
    }
    const listed = previous === 'and' && isBody(tokens[index - 2]?.lower ?? '');
    if (isBody(word) && (COPULAS.has(previous) || previous === ',' || listed)) {
      // "she is tall", "a man, tall and gaunt,": the word ends the phrase; "is old enough" or "an old man" do not.
      const follows = next?.lower ?? '';
      if (next && !next.punctuation && follows !== 'and') return;
      phrases.push({ text: word, first: index, last: index });
      return;
    }
    if (MODIFIED_FEATURES.has(word)) {
      const modifier = tokens[index - 1];
      if (!modifier || modifier.possessive) return;
      const lower = modifier.lower;
      const colored = lower.split('-').every((part) => COLOR_WORDS.has(part));
      if (colored || FEATURE_MODIFIERS.has(lower))
        phrases.push({ text: `${lower} ${word}`, first: index - 1, last: index });
    }
  });
  return phrases;
}
