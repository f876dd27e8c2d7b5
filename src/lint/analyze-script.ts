import { type ExtractionResult, type ExtractionSpan, extractWithRules } from '../agents/llm/index.js';
import {
  applyExtraction,
  createRegistry,
  type EntityKind,
  type Registry,
  type RegistryEntity,
} from '../entities/registry.js';

/** One prompt as the rules extractor read it, with the registry around it. */
export interface PromptAnalysis {
  /** 0-based prompt index. */
  index: number;
  /** The prompt text. */
  text: string;
  /** The extractor's result (characters with global IDs, mention and attribute spans). */
  result: ExtractionResult;
  /** The registry after every earlier prompt. */
  before: Registry;
  /** The registry after this prompt. */
  after: Registry;
}

/** Runs the rules extractor over every prompt, keeping each prompt's result and the registry around it. */
export function analyzeScript(prompts: readonly string[]): PromptAnalysis[] {
  let registry = createRegistry();
  return prompts.map((text, index) => {
    const before = registry;
    const result = extractWithRules({ prompt: text, promptIndex: index + 1, registry: before });
    registry = applyExtraction(before, { promptIndex: index + 1, characters: result.characters });
    return { index, text, result, before, after: registry };
  });
}

/** Singular third-person pronouns and the gender they require. */
const PRONOUN_GENDER: ReadonlyMap<string, 'female' | 'male'> = new Map([
  ...['she', 'her', 'hers', 'herself'].map((word) => [word, 'female'] as const),
  ...['he', 'him', 'his', 'himself'].map((word) => [word, 'male'] as const),
]);

/** The gender a pronoun span requires, or undefined when the span is not a singular pronoun. */
export function pronounGender(span: Pick<ExtractionSpan, 'text'>): 'female' | 'male' | undefined {
  return PRONOUN_GENDER.get(span.text.toLowerCase());
}

/** Whether a person of this kind can be called by a pronoun of this gender (a `person` fits neither surely). */
export function kindHasGender(kind: EntityKind, gender: 'female' | 'male'): boolean {
  return gender === 'female' ? kind === 'woman' || kind === 'girl' : kind === 'man' || kind === 'boy';
}

/** Mention spans of a prompt that are names or descriptions, not pronouns. */
export function describingMentions(result: ExtractionResult, id?: number): ExtractionSpan[] {
  return result.spans.filter(
    (span) =>
      span.role === 'mention' && (id === undefined || span.id === id) && pronounGender(span) === undefined,
  );
}

/**
 * How to name an entity in a rewrite: its proper name, else its first description with `the`
 * ("a stocky woman" -> "the stocky woman").
 */
export function labelOf(entity: Pick<RegistryEntity, 'properName' | 'mentions'>): string | undefined {
  if (entity.properName) return entity.properName;
  const description = entity.mentions.find(
    (mention) => PRONOUN_GENDER.get(mention.toLowerCase()) === undefined,
  );
  return description?.replace(/^(a|an|this|that|one)\s+/i, 'the ');
}

/** Content words of a mention: lower case, without determiners and possessives. */
export function mentionWords(mention: string): string[] {
  return mention
    .toLowerCase()
    .split(/[^a-z'-]+/)
    .filter((word) => word.length > 0 && !DETERMINERS.has(word));
}

const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'one', 'his', 'her', 'their', 'its']);

/** Keeps the case of the text it replaces: a capital at the start stays a capital. */
export function matchCase(replaced: string, text: string): string {
  if (/^[A-Z]/.test(replaced)) return text.charAt(0).toUpperCase() + text.slice(1);
  return /^the /i.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
