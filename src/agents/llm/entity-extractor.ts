import type { EntityKind, RegistrySnapshot } from '../../entities/registry.js';
import type { ProviderWarning } from '../../provider/provider-warning.js';

export type { EntityKind, RegistrySnapshot };

/**
 * The LLM agent port: reads one prompt, finds its characters (people, and animals, machines or groups that act in
 * the story) and their visual attributes, and assigns each a global ID against the registry. Implementations: `rules` (embedded, offline) and `openai` (any
 * OpenAI-compatible chat endpoint).
 */
export interface EntityExtractorV1 {
  /** Version of this port; bumped on incompatible change. */
  readonly specificationVersion: 'v1';
  /** Provider name, e.g. `rules`, `openai`; recorded in run.json. */
  readonly provider: string;
  /** Model identifier as the provider names it (`rules-v1`, `qwen3-4b-instruct`). */
  readonly modelId: string;
  /** Extracts the prompt's characters. Never changes the registry; the caller applies the result. */
  extract(input: ExtractionInput): Promise<ExtractionResult>;
}

/** What an extractor reads. */
export interface ExtractionInput {
  /** The prompt text, exactly as in the script. */
  prompt: string;
  /** 1-based index of the prompt in the script. */
  promptIndex: number;
  /** The registry after all earlier prompts; new IDs start at its `nextId`. */
  registry: RegistrySnapshot;
}

/** What an extractor returns for one prompt. */
export interface ExtractionResult {
  /** 1-based index of the prompt this result belongs to. */
  promptIndex: number;
  /** One entry per distinct character, in order of first mention in the prompt. */
  characters: ExtractedCharacter[];
  /**
   * Character offsets of every mention (names, descriptions, pronouns) and attribute phrase, sorted by `start`.
   * The memory weights text tokens under these spans (entity and attribute spans 2.5).
   */
  spans: ExtractionSpan[];
  /** Non-fatal notes: a fallback to another provider, an ID the model invented, a phrase not found in the text. */
  warnings?: ExtractionWarning[];
}

/** One character of the prompt, resolved to a global ID. */
export interface ExtractedCharacter {
  /** Global ID: an existing entity's ID, or `registry.nextId + k` for the k-th new character (0-based). */
  id: number;
  /** True when the character was not in the registry before this prompt. */
  isNew: boolean;
  /** Kind of person: woman, man, girl, boy, or person when the prompt does not say (an animal or a group is a person). */
  kind: EntityKind;
  /** The most descriptive text span used for it in the prompt ("Ravi", "a woman", "the fisherman", "she"). */
  mention: string;
  /** Visual attribute phrases given in this prompt, lower case, without articles ("gray scarf", "red hair"). */
  attrs: string[];
  /** Proper name when the prompt gives one ("Ravi"). */
  properName?: string;
  /**
   * Other names and descriptions of the character in this prompt ("a photographer" beside "Lucas"); the registry
   * keeps them as mentions so a later prompt can refer back by role ("the photographer"). Pronouns excluded.
   */
  aliases?: string[];
}

/** A range of the prompt text that names a character or describes one of its attributes. */
export interface ExtractionSpan {
  /** Global ID of the character the span belongs to. */
  id: number;
  /** `mention` for a name, description or pronoun; `attribute` for an attribute phrase. */
  role: 'mention' | 'attribute';
  /** Offset of the first character, in UTF-16 code units (JavaScript string indices). */
  start: number;
  /** Offset one past the last character. */
  end: number;
  /** `prompt.slice(start, end)`. */
  text: string;
}

/** A non-fatal note attached to a result. */
export type ExtractionWarning = ProviderWarning;
