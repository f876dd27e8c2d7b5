import { FUNCTION_WORDS, PERSON_NOUNS, PRONOUNS } from './lexicon.js';

/** One word or punctuation token of a prompt. */
export interface WordToken {
  /** Text as written. */
  text: string;
  /** Lower-cased text. */
  lower: string;
  /** Character offsets in the prompt: start inclusive, end exclusive. */
  start: number;
  end: number;
  /** Punctuation mark (`,` `.` `;` `!` `?`). */
  punctuation: boolean;
  /** `.`, `!` or `?`: attributes never bind across it. */
  sentenceEnd: boolean;
  /** First word of a sentence. */
  sentenceStart: boolean;
  /** Article, preposition, pronoun-like or other closed-class word. */
  functionWord: boolean;
  /** Person noun or pronoun. */
  person: boolean;
}

const pattern = /[A-Za-z][A-Za-z]*(?:[-'’][A-Za-z]+)*|[.,;!?]/g;

/** Splits a prompt into word and punctuation tokens with character offsets. */
export function tokenize(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let sentenceStart = true;
  for (const match of text.matchAll(pattern)) {
    const word = match[0];
    const lower = word.toLowerCase();
    const punctuation = /^[.,;!?]$/.test(word);
    const sentenceEnd = word === '.' || word === '!' || word === '?';
    tokens.push({
      text: word,
      lower,
      start: match.index,
      end: match.index + word.length,
      punctuation,
      sentenceEnd,
      sentenceStart: sentenceStart && !punctuation,
      functionWord: FUNCTION_WORDS.has(lower),
      person: PERSON_NOUNS.has(lower) || PRONOUNS.has(lower),
    });
    if (!punctuation) sentenceStart = false;
    if (sentenceEnd) sentenceStart = true;
  }
  return tokens;
}
