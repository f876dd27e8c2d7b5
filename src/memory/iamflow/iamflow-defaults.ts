import { reference } from '../../reference/index.js';

const { memory } = reference;

/**
 * Reference parameters of IAMFlow (github Eddie0521/IAMFlow), as the defaults of every option. The comment of each
 * names where the reference sets it; `iamflow-defaults.test.ts` pins every value.
 */
export const iamflowDefaults = {
  /** Chunks between a chunk's end and its leaving the local window (agent_causal_inference.py:469, 1002). */
  evictionLagChunks: memory.evictionLagChunks,
  /** Token weight inside an entity mention or attribute span (memory_bank.py:763). */
  entityTokenWeight: memory.entityTokenWeight,
  /** Token weight of the scene head (memory_bank.py:777). */
  sceneHeadWeight: memory.sceneHeadWeight,
  /** Token weight of the camera tail (memory_bank.py:782). */
  cameraTailWeight: memory.cameraTailWeight,
  /** Token weight of every other token (memory_bank.py:762). */
  baseTokenWeight: memory.baseTokenWeight,
  /** Text slots the reference weights: Wan's T5 pads every prompt to 512 tokens (crossattn cache length). */
  referenceTextSlots: memory.referenceTextSlots,
  /** Margin, as a fraction of the slots, widened on both sides of a keyword span (memory_bank.py:766-767). */
  spanMargin: memory.spanMargin,
  /** Scene head: slots before this fraction (memory_bank.py:772). */
  sceneHeadFraction: memory.sceneHeadFraction,
  /** Camera tail: slots from this fraction on (memory_bank.py:773). */
  cameraTailFraction: memory.cameraTailFraction,
  /** Fallback span when no keyword is found, as fractions [start, end) of the slots (memory_bank.py:757-758). */
  fallbackSpan: memory.fallbackSpan as readonly [number, number],
  /** Weight of the fallback span (memory_bank.py:759). */
  fallbackTokenWeight: memory.fallbackTokenWeight,
  /** Prompt-mode weight of the body, slots [0.08, 0.92) (memory_bank.py:796-800). */
  promptBodyWeight: memory.promptBodyWeight,
  /** Prompt-mode weights stay all ones up to this many slots (memory_bank.py:793). */
  promptMinSlots: memory.promptMinSlots,
  /** Weight of the min-max normalised text score in the fused score (memory_bank.py:506, 1 - 0.3). */
  textWeight: memory.textWeight,
  /** Weight of the VLM visual score in the fused score (configs/iamflow.yaml vlm_score_weight). */
  visualWeight: memory.visualWeight,
  /** Visual score used when the verifier gave none for a frame (memory_bank.py:477). */
  missingVisualScore: memory.missingVisualScore,
  /**
   * A frame covers an entity when the entity's score reaches this (`threshold` coverage ablation only).
   * Engine-dependent; calibrated on the miniature engine.
   */
  entityCoverThreshold: 0.5,
  /** Least ID-memory budget when a segment has >= 2 entities and the archive >= 2 frames (iamflow.yaml). */
  minMultiEntityBudget: memory.minMultiEntityBudget,
  /** Most frames of the ID memory, at retrieval and in the append/replace update (memory_bank.py:47). */
  maxBudget: reference.context.bankBudget,
  /** Budget of the fixed-budget ablation (memory_bank.py:67-69: max_id_memory_frames). */
  fixedBudget: reference.context.bankBudget,
  /** Frames of the prompt-mode memory (iamflow.yaml max_memory_frames). */
  promptTopFrames: memory.promptTopFrames,
  /** Video frames of a chunk the verifier looks at (vlm_agent.py:14). */
  verifyFrameIndices: reference.vlm.frameIndices as readonly number[],
  /** Side in pixels of the square frames the verifier receives (vlm_agent.py:15). */
  verifySize: reference.vlm.frameSize,
  /** Milliseconds the policy waits for a verification before it gives up on it (vlm_agent.py:216). */
  verifyTimeoutMs: reference.vlm.timeoutMs,
  /** Segment chunk (0-based) after which the first chunk's corrections are read (agent_causal_inference.py:515). */
  correctionChunk: reference.vlm.correctionChunk,
  /** Chunks that may wait in the verification queue. */
  verifyQueueCapacity: 4,
  /**
   * Sparse memory activation: frames of sink + bank each attention pass keeps (causal_model.py:434-440, top_k=3;
   * configs/iamflow.yaml `SMA: true`).
   */
  memoryTopK: reference.context.memoryTopK,
} as const;

/** How a chunk's candidate frames are ranked for archiving (ablation). */
export type ScoreMode = 'fused' | 'semantic_only' | 'visual_only' | 'random';

/** How many frames the bank receives (ablation). */
export type BudgetMode = 'dynamic' | 'fixed';
