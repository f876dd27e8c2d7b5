import nlp from 'compromise';

/** One word or punctuation mark of a prompt. */
export interface Token {
  /** Position in the token list. */
  index: number;
  /** Text as written, without a possessive `'s`. */
  text: string;
  /** Lower case of `text`, `grey` written as `gray`, curly apostrophes straightened. */
  lower: string;
  /** Offset of the first character in the prompt. */
  start: number;
  /** Offset one past the last character (excluding a possessive `'s`). */
  end: number;
  /** 0-based sentence number. */
  sentence: number;
  /** True for the first word of a sentence. */
  sentenceStart: boolean;
  /** True when written with an upper-case first letter. */
  capitalized: boolean;
  /** True for `Ravi's`, `woman's`. */
  possessive: boolean;
  /** True for punctuation. */
  punctuation: boolean;
  /** compromise's tags for the word (`Verb`, `Adjective`, `FemaleName`, ...); empty when it split differently. */
  tags: ReadonlySet<string>;
  /** Whether compromise's lexicon knows the lower-case word (a known word is rarely a new proper name). */
  known: boolean;
}

const WORD = /[A-Za-z]+(?:[-'’][A-Za-z]+)*|[.,;:!?()"]/g;
const ABBREVIATIONS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'prof']);
const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }).model().one
  .lexicon;

/** Whether compromise's lexicon knows the lower-case word at all. */
export function isKnownWord(word: string): boolean {
  return Object.hasOwn(lexicon, word);
}

/** Whether compromise's lexicon tags the lower-case word as an actor (a person noun: "attorney", "champion"). */
export function isLexiconActor(word: string): boolean {
  const tags = lexicon[word];
  return tags === 'Actor' || (Array.isArray(tags) && tags.includes('Actor'));
}

/** Splits a prompt into tokens with offsets and compromise tags. */
export function tokenize(prompt: string): Token[] {
  const tagsByOffset = new Map<number, Set<string>>();
  const document = nlp(prompt).json({ offset: true }) as Array<{
    terms: Array<{ tags: string[]; offset: { start: number } }>;
  }>;
  for (const sentence of document) {
    for (const term of sentence.terms) tagsByOffset.set(term.offset.start, new Set(term.tags));
  }
  const tokens: Token[] = [];
  let sentence = 0;
  let sentenceStart = true;
  for (const match of prompt.matchAll(WORD)) {
    const raw = match[0];
    const punctuation = !/[A-Za-z]/.test(raw);
    const possessive = /['’]s$/i.test(raw) && raw.length > 2;
    const text = possessive ? raw.slice(0, -2) : raw;
    const lower = text
      .toLowerCase()
      .replace(/’/g, "'")
      .replace(/\bgrey\b/g, 'gray');
    tokens.push({
      index: tokens.length,
      text,
      lower,
      start: match.index,
      end: match.index + text.length,
      sentence,
      sentenceStart: sentenceStart && !punctuation,
      capitalized: /^[A-Z]/.test(text),
      possessive,
      punctuation,
      tags: tagsByOffset.get(match.index) ?? new Set(),
      known: Object.hasOwn(lexicon, lower),
    });
    if (!punctuation) sentenceStart = false;
    const abbreviation = raw === '.' && ABBREVIATIONS.has(tokens.at(-2)?.lower ?? '');
    if (/^[.!?;]$/.test(raw) && !abbreviation) {
      sentence += 1;
      sentenceStart = true;
    }
  }
  return tokens;
}
