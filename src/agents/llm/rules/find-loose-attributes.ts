import {
  BODY_SLOTS,
  COLOR_WORDS,
  FEATURE_SLOTS,
  WEARABLE_SLOTS,
} from '../../../entities/registry-vocabulary.js';
import type { AttributePhrase } from './find-mentions.js';
import {
  EXTRA_BODY,
  EXTRA_WEARABLES,
  MODIFIED_FEATURES,
  PERSON_NOUNS,
  personNounKind,
  WEARABLE_MODIFIERS,
} from './lexicon.js';
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

/** Words after which an indefinite noun phrase is something the person carries ("a man with a briefcase"). */
const PROP_LINKS: ReadonlySet<string> = new Set(['with', 'holding', 'carrying', 'clutching', 'gripping']);

/** Nouns after "with" that say how something is done, not what someone carries ("with a smile"). */
const MANNER_NOUNS: ReadonlySet<string> = new Set(
  `smile grin sigh laugh nod shrug wave start jolt gasp frown shout cry scream yawn wink glance look bang crash
   thud splash roar whisper word hug kiss friend partner group crowd view mix lot bit touch flourish sense
   hint trace mixture feeling`.split(/\s+/),
);

/**
 * "with a basket of fish", "holding a scalpel", "carrying a coil of rope": an indefinite noun phrase after a
 * carrying word is a prop the person has, kept as an attribute (clothing and hair are found elsewhere).
 */
function propAfter(tokens: readonly Token[], link: number): AttributePhrase | undefined {
  if (!['a', 'an'].includes(tokens[link + 1]?.lower ?? '')) return undefined;
  let head: number | undefined;
  for (let index = link + 2; index <= link + 5 && index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.punctuation || token.capitalized) return undefined;
    const next = tokens[index + 1];
    const modifier =
      next &&
      !next.punctuation &&
      !next.tags.has('Preposition') &&
      !next.tags.has('Verb') &&
      next.lower !== 'and';
    if (token.tags.has('Noun') && !modifier) {
      head = index;
      break;
    }
    if (!token.tags.has('Adjective') && !token.tags.has('Noun') && !COLOR_WORDS.has(token.lower))
      return undefined;
  }
  if (head === undefined) return undefined;
  const word = tokens[head]!.lower;
  if (MANNER_NOUNS.has(word) || PERSON_NOUNS.has(word) || personNounKind(word) || isClothing(word))
    return undefined;
  let last = head;
  // "a basket of fish", "a coil of rope": the container and what it holds.
  if (
    tokens[head + 1]?.lower === 'of' &&
    tokens[head + 2]?.tags.has('Noun') &&
    !tokens[head + 2]!.capitalized
  )
    last = head + 2;
  const words = tokens.slice(link + 2, last + 1).map((token) => token.lower);
  return { text: words.join(' '), first: link + 2, last };
}

function isClothing(word: string): boolean {
  const singular = word.endsWith('s') ? word.slice(0, -1) : word;
  return [word, singular].some(
    (form) =>
      WEARABLE_SLOTS.has(form) || EXTRA_WEARABLES.has(form) || FEATURE_SLOTS.has(form) || form === 'hair',
  );
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
    if (PROP_LINKS.has(word)) {
      const prop = propAfter(tokens, index);
      if (prop) phrases.push(prop);
      return;
    }
    if (MODIFIED_FEATURES.has(word)) {
      const modifier = tokens[index - 1];
      if (!modifier || modifier.possessive) return;
      const lower = modifier.lower;
      const colored = lower.split('-').every((part) => COLOR_WORDS.has(part));
      // "sun-browned arms", "ink-stained fingers": a compound participle describes the body part.
      const compound = /^[a-z]+-[a-z]+ed$/.test(lower);
      if (colored || compound || FEATURE_MODIFIERS.has(lower))
        phrases.push({ text: `${lower} ${word}`, first: index - 1, last: index });
    }
  });
  return phrases;
}
