import type { PromptToken } from '../../engine/engine.js';
import { iamflowDefaults } from './iamflow-defaults.js';

/** A character range of the prompt that belongs to an entity (mention or attribute phrase). */
export interface EntitySpan {
  /** Global entity ID. */
  id: number;
  /** First character offset (inclusive). */
  start: number;
  /** One past the last character. */
  end: number;
}

/** Per-token weights of one prompt and the tokens of each entity. */
export interface TokenWeights {
  /** One weight per prompt token, in token order. */
  weights: number[];
  /** Token indices inside each entity's spans, by entity ID, ascending. */
  entityTokens: Map<number, number[]>;
  /** Role of each token: `entity`, `scene`, `camera` or `base`. */
  roles: TokenRole[];
}

export type TokenRole = 'entity' | 'scene' | 'camera' | 'base';

/** Weights applied per role; defaults are the reference values. */
export interface TokenWeightValues {
  /** Entity mention and attribute spans. Reference: 2.5. */
  entity: number;
  /** Scene head. Reference: 0.7. */
  scene: number;
  /** Camera tail. Reference: 0.5. */
  camera: number;
  /** Everything else. Reference: 1.0. */
  base: number;
}

const defaultValues: TokenWeightValues = {
  entity: iamflowDefaults.entityTokenWeight,
  scene: iamflowDefaults.sceneHeadWeight,
  camera: iamflowDefaults.cameraTailWeight,
  base: iamflowDefaults.baseTokenWeight,
};

const cameraPattern =
  /\b(camera|cameras|pans?|panning|zooms?|zooming|tilts?|tilting|dolly|dollies|tracking shot|close-up|closeup|close up|wide shot|medium shot|long shot|aerial (shot|view)|overhead shot|handheld|slow motion|shot|push-in|push in|pull-back|pull-out)\b/i;

/**
 * Weights each prompt token by its role: 2.5 inside an entity span, 0.5 in a trailing camera phrase, 0.7 in the
 * scene head (tokens before the first entity span), else 1.0. Spans win over head and tail.
 *
 * @example
 * // tokens On|a|pier|Nora|waves at offsets 0, 3, 5, 11, 16
 * computeTokenWeights('On a pier, Nora waves.', tokens, [{ id: 1, start: 11, end: 15 }]).weights
 * // [0.7, 0.7, 0.7, 2.5, 1]
 */
export function computeTokenWeights(
  text: string,
  tokens: readonly Pick<PromptToken, 'start' | 'end'>[],
  spans: readonly EntitySpan[],
  values: TokenWeightValues = defaultValues,
): TokenWeights {
  const firstSpan = spans.length > 0 ? Math.min(...spans.map((span) => span.start)) : -1;
  const cameraStart = findCameraTail(text);
  const weights: number[] = [];
  const roles: TokenRole[] = [];
  const entityTokens = new Map<number, number[]>();
  tokens.forEach((token, index) => {
    const owners = spans.filter((span) => token.start < span.end && token.end > span.start);
    for (const id of new Set(owners.map((span) => span.id))) {
      entityTokens.set(id, [...(entityTokens.get(id) ?? []), index]);
    }
    const role: TokenRole =
      owners.length > 0
        ? 'entity'
        : cameraStart !== null && token.start >= cameraStart
          ? 'camera'
          : firstSpan >= 0 && token.end <= firstSpan
            ? 'scene'
            : 'base';
    roles.push(role);
    weights.push(values[role]);
  });
  return { weights, entityTokens: new Map([...entityTokens].sort((a, b) => a[0] - b[0])), roles };
}

/**
 * Start offset of the trailing camera phrase: the run of final clauses (split at `.`, `,`, `;`, `:`) that each
 * mention the camera or a shot, or null when the last clause does not.
 */
export function findCameraTail(text: string): number | null {
  const clauses: Array<{ start: number; text: string }> = [];
  const pattern = /[^.,;:!?]+/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].trim() !== '') clauses.push({ start: match.index, text: match[0] });
  }
  let start: number | null = null;
  for (let index = clauses.length - 1; index > 0; index -= 1) {
    const clause = clauses[index]!;
    if (!cameraPattern.test(clause.text)) break;
    start = clause.start + (clause.text.length - clause.text.trimStart().length);
  }
  return start;
}
