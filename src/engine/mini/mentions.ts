import {
  DESCRIPTORS,
  type KindFeatures,
  PERSON_NOUNS,
  PRONOUNS,
  SETTING_WORDS,
  WEARABLES,
} from './lexicon.js';
import type { WordToken } from './tokenize.js';

/** A person mention found in the token list. */
export interface MentionSpan {
  /** First and last token index (inclusive). */
  firstToken: number;
  lastToken: number;
  /** Character offsets in the prompt. */
  start: number;
  end: number;
  /** Words of the mention with their weight in the binding vector (names weigh most). */
  words: Array<{ word: string; weight: number }>;
  /** Kind features implied by its nouns and pronouns. */
  kind: KindFeatures;
  /** Whether the mention is only a pronoun. */
  pronoun: boolean;
  /** Body entries set by descriptors (`tall`, `old`). */
  body: Array<['height' | 'build' | 'age', number]>;
}

/**
 * Finds person mentions: person nouns with up to two modifiers before them, pronouns, and capitalised names.
 * Merges `Name, a <noun>` and `<noun> named Name` into one mention; nothing cleverer (no coreference).
 */
export function findMentions(tokens: readonly WordToken[]): MentionSpan[] {
  const raw: MentionSpan[] = [];
  tokens.forEach((token, index) => {
    const pronoun = PRONOUNS.get(token.lower);
    if (pronoun !== undefined) {
      raw.push(span(tokens, index, index, [{ word: token.lower, weight: 0.3 }], pronoun, true, []));
      return;
    }
    const noun = PERSON_NOUNS.get(token.lower);
    if (noun !== undefined && !WEARABLES.has(tokens[index + 1]?.lower ?? '')) {
      let first = index;
      const words = [{ word: token.lower, weight: 1 }];
      const body: MentionSpan['body'] = [];
      const kind = { ...noun };
      while (first > 0 && index - first < 2) {
        const previous = tokens[first - 1]!;
        if (previous.punctuation || previous.functionWord || previous.person) break;
        first -= 1;
        words.push({ word: previous.lower, weight: 0.7 });
        body.push(...(DESCRIPTORS.get(previous.lower) ?? []));
        if (previous.lower === 'old' || previous.lower === 'elderly') kind.old = 1;
      }
      raw.push(span(tokens, first, index, words, kind, false, body));
      return;
    }
    if (isName(tokens, index)) {
      raw.push(span(tokens, index, index, [{ word: token.lower, weight: 2 }], noKind(), false, []));
    }
  });
  return merge(tokens, raw);
}

function merge(tokens: readonly WordToken[], raw: MentionSpan[]): MentionSpan[] {
  const result: MentionSpan[] = [];
  for (let index = 0; index < raw.length; index++) {
    const current = raw[index]!;
    const next = raw[index + 1];
    if (next !== undefined && !current.pronoun && !next.pronoun && joins(tokens, current, next)) {
      result.push({
        firstToken: current.firstToken,
        lastToken: next.lastToken,
        start: current.start,
        end: next.end,
        words: [...current.words, ...next.words],
        kind: {
          female: Math.max(current.kind.female, next.kind.female),
          male: Math.max(current.kind.male, next.kind.male),
          child: Math.max(current.kind.child, next.kind.child),
          old: Math.max(current.kind.old, next.kind.old),
        },
        pronoun: false,
        body: [...current.body, ...next.body],
      });
      index += 1;
    } else {
      result.push(current);
    }
  }
  return result;
}

/** `Nora, a woman` (name, comma, optional article) or `a woman named Nora`. */
function joins(tokens: readonly WordToken[], first: MentionSpan, second: MentionSpan): boolean {
  const between = tokens.slice(first.lastToken + 1, second.firstToken).map((token) => token.lower);
  const firstIsName = first.words.length === 1 && first.words[0]!.weight === 2;
  const secondIsName = second.words.length === 1 && second.words[0]!.weight === 2;
  if (firstIsName && !secondIsName) {
    return (
      between[0] === ',' && between.length <= 2 && (between.length === 1 || /^(a|an|the)$/.test(between[1]!))
    );
  }
  if (!firstIsName && secondIsName) {
    return between.length === 1 && (between[0] === 'named' || between[0] === 'called');
  }
  return false;
}

function isName(tokens: readonly WordToken[], index: number): boolean {
  const token = tokens[index]!;
  if (!/^[A-Z]/.test(token.text) || token.functionWord || token.person) return false;
  if (SETTING_WORDS.has(token.lower) || WEARABLES.has(token.lower)) return false;
  if (!token.sentenceStart) return true;
  if (/(ful|ing|ed|ly)$/.test(token.lower)) return false;
  const next = tokens[index + 1];
  const after = tokens[index + 2];
  if (next === undefined) return false;
  if (next.lower === ',') return true;
  if (next.lower === 'and') {
    return (
      after !== undefined && (/^[A-Z]/.test(after.text) || /^(a|an|the)$/.test(after.lower) || after.person)
    );
  }
  // `Lina wears a parka`, `Omar has red hair`: the verbs that describe a person mark the opener as a name.
  if (next.lower === 'wears' || next.lower === 'has') return true;
  return /s$/.test(next.lower) && !next.functionWord && !(after !== undefined && /ing$/.test(after.lower));
}

function span(
  tokens: readonly WordToken[],
  first: number,
  last: number,
  words: MentionSpan['words'],
  kind: KindFeatures,
  pronoun: boolean,
  body: MentionSpan['body'],
): MentionSpan {
  return {
    firstToken: first,
    lastToken: last,
    start: tokens[first]!.start,
    end: tokens[last]!.end,
    words,
    kind,
    pronoun,
    body,
  };
}

function noKind(): KindFeatures {
  return { female: 0, male: 0, child: 0, old: 0 };
}
