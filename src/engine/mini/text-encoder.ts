import { colorNames, hairColorNames, resolveColorName } from '../../frame/color-names.js';
import { APPEARANCE_SIZE, appearanceLayout, HAIR_STYLES, writeRgb } from './appearance.js';
import {
  HAIR_COLOUR_SYNONYMS,
  HAIR_STYLE_WORDS,
  HAIR_WORDS,
  PERSON_NOUNS,
  PRONOUNS,
  SETTING_WORDS,
  WEARABLES,
} from './lexicon.js';
import { findMentions, type MentionSpan } from './mentions.js';
import { type CameraWord, findCamera, findMotion, type MotionWord } from './motion-words.js';
import { tokenize, type WordToken } from './tokenize.js';
import { BINDING_SIZE, normalize, WORD_DIMENSION, wordEmbedding } from './weights.js';

/** A person mention as the engine's text encoder reads it. */
export interface Mention {
  /** The mention's text, e.g. `Nora, a woman` or `she`. */
  text: string;
  /** Binding vector (BINDING_SIZE): hashed words of the mention and its attributes + kind features, unit length. */
  binding: Float32Array;
  /**
   * Attention query in binding space: the binding itself, except for pronouns, which know nothing but their kind
   * and so query the kind features sharply (unnormalised), matching every figure of that kind alike.
   */
  query: Float32Array;
  /** Appearance the text states (APPEARANCE_SIZE); meaningful where `mask` is 1. */
  spec: Float32Array;
  /** 1 where the text states an appearance entry, else 0. */
  mask: Float32Array;
  /** Whether the mention is only a pronoun. */
  pronoun: boolean;
  /** Motion its verb states (the first verb after it in its sentence, else the prompt's first verb). */
  motion: MotionWord;
}

/** What the engine's text encoder extracts from one prompt. */
export interface PromptAnalysis {
  text: string;
  tokens: WordToken[];
  /** Per word token, its binding-space vector (used for token keys). */
  tokenVectors: Float32Array[];
  mentions: Mention[];
  /** Backdrop named by the prompt, or null when it names none. */
  setting: string | null;
  /** Shot words of the prompt (close-up, medium, wide, push-in, tracking). */
  camera: CameraWord;
}

/** Weight of kind features (female, male, child, old) in a mention's binding. */
const KIND_WEIGHT = 0.8;
/** Weight of kind features in a pronoun's query. */
const PRONOUN_KIND_WEIGHT = 2.5;

/** Attributes bind to a person at most this far away (words; a comma counts 2). */
const BINDING_WINDOW = 8;
/**
 * Extra distance to a person mention AFTER the attribute: phrases like `wearing a red coat` mostly describe the
 * person before them (`Lina wears a white parka and Wen ...`), so a following mention must be clearly nearer.
 */
const FORWARD_PENALTY = 2;

/** Looks up a word's embedding row (WORD_DIMENSION entries). */
export type WordEmbedding = (word: string) => Float32Array;

/**
 * Reads a prompt the way a small, weak text encoder would: hashed word vectors, person mentions from a word list,
 * and each attribute phrase bound to the NEAREST person mention (ties go to the preceding one). Relative clauses
 * and crowded sentences can therefore bind an attribute to the wrong person, on purpose. `embed` looks word
 * vectors up (default: the float32 embedding; the engine passes its weights' table, possibly quantized).
 *
 * @example
 * analyzePrompt('Nora, a woman with red hair, walks in the park').mentions[0].text // 'Nora, a woman'
 */
export function analyzePrompt(text: string, embed: WordEmbedding = wordEmbedding): PromptAnalysis {
  const tokens = tokenize(text);
  const spans = findMentions(tokens);
  const mentions = spans.map((span) => ({
    span,
    words: [...span.words],
    spec: emptySpec(),
    mask: emptySpec(),
  }));
  for (const span of spans) applyKind(mentions[spans.indexOf(span)]!, span);
  const attributes = findAttributes(tokens);
  const targets: Array<number | undefined> = [];
  attributes.forEach((attribute, position) => {
    // Nearest person within the window; an attribute out of reach inherits the target of the list it continues
    // ("with a blue backpack, red hair and a brown coat"), so long attribute lists are not cut off.
    const previous = attributes[position - 1];
    const target =
      nearestMention(tokens, spans, attribute.first, attribute.last) ??
      (previous !== undefined && continuesList(tokens, previous.last, attribute.first)
        ? targets[position - 1]
        : undefined);
    targets.push(target);
    if (target === undefined) return;
    const mention = mentions[target]!;
    applyAttribute(mention, tokens, attribute);
    for (let index = attribute.first; index <= attribute.last; index++) {
      mention.words.push({ word: canonicalWord(tokens[index]!.lower), weight: 0.5 });
    }
  });
  return {
    text,
    tokens,
    tokenVectors: tokens.map((token) => tokenVector(token.lower, embed)),
    mentions: mentions.map(({ span, words, spec, mask }) => ({
      text: text.slice(span.start, span.end),
      binding: bindingOf(words, span.kind, embed),
      query: span.pronoun ? pronounQuery(words, span.kind, embed) : bindingOf(words, span.kind, embed),
      spec,
      mask,
      pronoun: span.pronoun,
      motion: findMotion(tokens, span.lastToken + 1),
    })),
    setting: findSetting(tokens),
    camera: findCamera(tokens),
  };
}

/** Canonical spelling of a word for hashing: colour synonyms collapse onto palette names. */
export function canonicalWord(lower: string): string {
  return resolveColorName(lower) ?? HAIR_COLOUR_SYNONYMS[lower] ?? lower;
}

function tokenVector(lower: string, embed: WordEmbedding): Float32Array {
  const vector = new Float32Array(BINDING_SIZE);
  vector.set(embed(canonicalWord(lower)));
  const kind = PERSON_NOUNS.get(lower) ?? PRONOUNS.get(lower);
  if (kind !== undefined) {
    [kind.female, kind.male, kind.child, kind.old].forEach((value, index) => {
      vector[WORD_DIMENSION + index] = 1.5 * value;
    });
  }
  return normalize(vector);
}

function bindingOf(
  words: readonly { word: string; weight: number }[],
  kind: MentionSpan['kind'],
  embed: WordEmbedding,
): Float32Array {
  const vector = new Float32Array(BINDING_SIZE);
  for (const { word, weight } of words) {
    const embedding = embed(canonicalWord(word));
    for (let index = 0; index < WORD_DIMENSION; index++)
      vector[index] = vector[index]! + weight * embedding[index]!;
  }
  const features = [kind.female, kind.male, kind.child, kind.old];
  features.forEach((value, index) => {
    vector[WORD_DIMENSION + index] = KIND_WEIGHT * value;
  });
  return normalize(vector);
}

function pronounQuery(
  words: readonly { word: string; weight: number }[],
  kind: MentionSpan['kind'],
  embed: WordEmbedding,
): Float32Array {
  const vector = bindingOf(words, { female: 0, male: 0, child: 0, old: 0 }, embed).map(
    (value) => 0.3 * value,
  );
  [kind.female, kind.male, kind.child, kind.old].forEach((value, index) => {
    vector[WORD_DIMENSION + index] = PRONOUN_KIND_WEIGHT * value;
  });
  return vector;
}

interface AttributeSpan {
  first: number;
  last: number;
  head: string;
}

function findAttributes(tokens: readonly WordToken[]): AttributeSpan[] {
  const spans: AttributeSpan[] = [];
  tokens.forEach((token, index) => {
    const head = token.lower;
    if (!WEARABLES.has(head) && !HAIR_WORDS.has(head) && head !== 'beard') return;
    let first = index;
    while (first > 0 && index - first < 3 && isModifier(tokens[first - 1]!)) first -= 1;
    spans.push({ first, last: index, head });
  });
  return spans;
}

function isModifier(token: WordToken): boolean {
  return !token.punctuation && !token.functionWord && !token.person && !WEARABLES.has(token.lower);
}

function nearestMention(
  tokens: readonly WordToken[],
  spans: readonly MentionSpan[],
  first: number,
  last: number,
): number | undefined {
  let best: number | undefined;
  let bestDistance = BINDING_WINDOW + 1;
  spans.forEach((span, index) => {
    const distance =
      span.lastToken < first
        ? gap(tokens, span.lastToken + 1, first)
        : span.firstToken > last
          ? gap(tokens, last + 1, span.firstToken) + FORWARD_PENALTY
          : Number.POSITIVE_INFINITY;
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/** Words that join the items of one attribute list: `, a`, `and a`, `with`, `wearing`, `and has`. */
const LIST_GLUE = new Set([',', 'and', 'a', 'an', 'with', 'wearing', 'wears', 'in', 'has', 'plus']);

/** Whether only list glue (at most four tokens) lies between one attribute phrase and the next. */
function continuesList(tokens: readonly WordToken[], previousLast: number, first: number): boolean {
  if (first - previousLast - 1 > 4) return false;
  for (let index = previousLast + 1; index < first; index++) {
    if (!LIST_GLUE.has(tokens[index]!.lower)) return false;
  }
  return true;
}

function gap(tokens: readonly WordToken[], from: number, to: number): number {
  let distance = 0;
  for (let index = from; index < to; index++) {
    const token = tokens[index]!;
    if (token.sentenceEnd) return Number.POSITIVE_INFINITY;
    distance += token.punctuation ? 2 : 1;
  }
  return distance;
}

function applyKind(target: { spec: Float32Array; mask: Float32Array }, span: MentionSpan): void {
  const set = (index: number, value: number) => {
    target.spec[index] = value;
    target.mask[index] = 1;
  };
  if (span.kind.child > 0.5) {
    set(appearanceLayout.age, 0.08);
    set(appearanceLayout.height, 0.1);
  }
  if (span.kind.old > 0.5) set(appearanceLayout.age, 0.9);
  if (span.kind.female > 0.5 || span.kind.child > 0.5) set(appearanceLayout.beard, 0);
  for (const [entry, value] of span.body) set(appearanceLayout[entry], value);
}

function applyAttribute(
  target: { spec: Float32Array; mask: Float32Array },
  tokens: readonly WordToken[],
  attribute: AttributeSpan,
): void {
  const words = tokens.slice(attribute.first, attribute.last + 1).map((token) => token.lower);
  const colour = words.map((word) => resolveColorName(word)).find((name) => name !== undefined);
  const setRgb = (offset: number, rgb: readonly [number, number, number]) => {
    writeRgb(target.spec, offset, rgb);
    target.mask.fill(1, offset, offset + 3);
  };
  const setValue = (index: number, value: number) => {
    target.spec[index] = value;
    target.mask[index] = 1;
  };
  if (HAIR_WORDS.has(attribute.head)) {
    const hairWord = words
      .map((word) => HAIR_COLOUR_SYNONYMS[word] ?? word)
      .find((word) => word in hairColorNames);
    if (hairWord !== undefined)
      setRgb(appearanceLayout.hair, hairColorNames[hairWord as keyof typeof hairColorNames]);
    const style =
      HAIR_WORDS.get(attribute.head) ?? words.map((word) => HAIR_STYLE_WORDS.get(word)).find(Boolean);
    if (style) setValue(appearanceLayout.hairStyle, (HAIR_STYLES.indexOf(style as never) + 0.5) / 6);
    return;
  }
  if (attribute.head === 'beard') {
    setValue(appearanceLayout.beard, 1);
    return;
  }
  const slot = WEARABLES.get(attribute.head)!;
  const rgb = colour === undefined ? undefined : colorNames[colour];
  const colourAt = (offset: number) => {
    if (rgb !== undefined) setRgb(offset, rgb);
  };
  switch (slot) {
    case 'glasses':
      setValue(appearanceLayout.glasses, 1);
      return;
    case 'top':
    case 'bottom':
    case 'shoes':
      colourAt(appearanceLayout[slot]);
      return;
    case 'outfit':
      // One garment in one colour over the whole body: top and bottom (a suit's jacket too).
      colourAt(appearanceLayout.top);
      colourAt(appearanceLayout.bottom);
      if (attribute.head === 'suit') {
        setValue(appearanceLayout.outerwear, 1);
        colourAt(appearanceLayout.outerwear + 1);
      }
      return;
    default:
      setValue(appearanceLayout[slot], 1);
      colourAt(appearanceLayout[slot] + 1);
  }
}

function findSetting(tokens: readonly WordToken[]): string | null {
  const votes = new Map<string, number>();
  for (const token of tokens) {
    const setting = SETTING_WORDS.get(token.lower);
    if (setting !== undefined) votes.set(setting, (votes.get(setting) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestVotes = 0;
  for (const [setting, count] of votes) {
    if (count > bestVotes) {
      best = setting;
      bestVotes = count;
    }
  }
  return best;
}

function emptySpec(): Float32Array {
  return new Float32Array(APPEARANCE_SIZE);
}
