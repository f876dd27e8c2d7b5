import type { VideoFrame } from '../../frame/video-frame.js';
import { reference } from '../../reference/index.js';
import type {
  CausalVideoEngineV1,
  EncodedPrompt,
  EncodeImageOptions,
  EngineCosts,
  GenerateChunkOptions,
  GeneratedChunk,
  RecacheOptions,
  RenderRecordEntry,
} from '../engine.js';
import { workProfile } from '../work-profile.js';
import { type Conditioning, conditionOn } from './conditioning.js';
import { createDecoder } from './decoder.js';
import { encodeImageTokens, imageLatentFrame } from './encode-image.js';
import { engineError } from './engine-error.js';
import { restoreContextFrame, type StoredFrame, storedFrameBytes, storeLatentFrame } from './frame-store.js';
import { generateFrame, writeCache } from './generator.js';
import { kernels } from './kernels.js';
import { restoreMiniState, snapshotMiniState } from './mini-snapshot.js';
import { hashString } from './random.js';
import { type MiniEngineSettings, resolveMiniSettings, shiftedSigmas } from './settings.js';
import { analyzePrompt, type PromptAnalysis } from './text-encoder.js';
import { type ContextFrame, type LatentFrame, stateLayout } from './tokens.js';
import {
  BINDING_SIZE,
  createEngineWeights,
  type EngineWeights,
  KEY_DIMENSION,
  normalize,
} from './weights.js';

/** Latent frames a recache re-runs at most (LongLive: the attention window of 12). */
const RECACHE_WINDOW = reference.context.attentionWindowFrames;

/**
 * Creates the miniature causal engine: a small, deterministic causal generator over scene and figure tokens with
 * real softmax attention over `sink | bank | local window`, its own weak text encoder, and a canvas decoder.
 * The newest `retainFrames` generated frames (default 256) and the sink are kept, so `storeFrame`, `decodeChunk`,
 * `decodeFrames` and `renderRecord` accept any frame that recent; older ones are dropped, so a long run holds bounded memory.
 *
 * @example
 * const engine = createMiniEngine({ seed: 7 });
 * const prompt = await engine.encodePrompt('Nora, a woman in a yellow coat, walks in the park');
 * const chunk = await engine.generateChunk({ prompt });
 * const frames = await engine.decodeChunk(chunk.chunk); // 12 RGB frames of 480x270
 */
export function createMiniEngine(settings: MiniEngineSettings = {}): CausalVideoEngineV1 & {
  renderRecord(chunk: number): RenderRecordEntry[];
  storeBytes(): number;
  weightBytes(): number;
  snapshot(): Promise<unknown>;
  restore(snapshot: unknown): Promise<void>;
  encodeImage(options: EncodeImageOptions): Promise<void>;
  decodeFrames(chunk: number, frames: readonly number[]): Promise<VideoFrame[]>;
} {
  const config = resolveMiniSettings(settings);
  const sigmas = shiftedSigmas(config.denoisingSteps, config.timestepShift);
  const decoder = createDecoder(config.width, config.height, config.videoFramesPerLatent);
  const weights = createEngineWeights(config.weightQuantization ?? config.quantization);
  /** Every generated frame by index; frames older than the retention window are dropped (undefined). */
  const frames: Array<LatentFrame | undefined> = [];
  const retain = Math.max(config.retainFrames, config.localFrames, RECACHE_WINDOW);
  /** Frames before this index (from the sink on) were dropped. */
  let droppedUpTo = config.sinkFrames;
  const store = new Map<string, StoredFrame>();
  const analyses = new Map<string, PromptAnalysis>();
  let bank: ContextFrame[] = [];
  /** Pixel encodings by image object: a reference re-stored under a new text is not analysed again. */
  const encodedImages = new WeakMap<VideoFrame, ReturnType<typeof encodeImageTokens>>();
  let released = false;
  const costs: EngineCosts = {
    generatedFrames: 0,
    denoisingPasses: 0,
    contextPasses: 0,
    recachedFrames: 0,
    attentionOps: 0,
    decodedFrames: 0,
  };

  /** The pixel encoder's tokens of an image, computed once per image object. */
  const pixelTokens = (image: VideoFrame) => {
    let tokens = encodedImages.get(image);
    if (tokens === undefined) {
      const span = workProfile.start('image-encoding');
      tokens = encodeImageTokens(image, config);
      workProfile.stop(span);
      encodedImages.set(image, tokens);
    }
    return tokens;
  };
  const live = () => {
    if (released) throw engineError('engine-released', [], 'the engine was released', 'create a new engine');
  };
  const analyze = (text: string) => {
    let analysis = analyses.get(text);
    if (analysis === undefined) {
      const span = workProfile.start('text-encoding');
      analysis = analyzePrompt(text, weights.wordEmbedding);
      analyses.set(text, analysis);
      workProfile.stop(span);
    }
    return analysis;
  };
  /** A prompt's conditioning without a blend is the same for every chunk: built once per prompt text. */
  const conditionings = new Map<string, Conditioning>();
  const conditioningOf = (options: GenerateChunkOptions): Conditioning => {
    const text = options.prompt.text;
    if (options.blend !== undefined) {
      const from = analyze(options.blend.from.text);
      return conditionOn(analyze(text), { from, alpha: options.blend.alpha });
    }
    let conditioning = conditionings.get(text);
    if (conditioning === undefined) {
      conditioning = conditionOn(analyze(text), undefined);
      conditionings.set(text, conditioning);
    }
    return conditioning;
  };
  const contextFor = (index: number, chunkEnd: number): ContextFrame[] => {
    const sink = kept(0, Math.min(config.sinkFrames, index)).map((frame) => asContext(frame, 'sink'));
    const localStart = Math.max(config.sinkFrames, chunkEnd - config.localFrames);
    const local = kept(localStart, index).map((frame) => asContext(frame, 'local'));
    return [...sink, ...bank, ...local];
  };
  /** Frames `start` .. `end - 1`; each must still be kept (the windows that read them lie inside the retention). */
  const kept = (start: number, end: number): LatentFrame[] =>
    frames.slice(start, end).map((frame, offset) => {
      if (frame === undefined) throw droppedError('frame', start + offset);
      return frame;
    });
  const droppedError = (what: 'frame' | 'chunk', index: number) =>
    engineError(
      what === 'frame' ? 'dropped-frame' : 'dropped-chunk',
      [what, index],
      `${what === 'frame' ? 'latent frame' : 'chunk'} ${index} is older than the ${retain} latent frames the engine keeps`,
      'store, decode or record frames within the retention window (settings.retainFrames)',
    );
  /** Drops frames that left the retention window (the sink stays). */
  const dropOld = () => {
    for (; droppedUpTo < frames.length - retain; droppedUpTo++) frames[droppedUpTo] = undefined;
  };
  const identity = () => ({ modelId: 'mini-causal-v2', seed: config.seed, settings: config });
  const chunkCount = () => Math.floor(frames.length / config.chunkFrames);
  const checkChunk = (chunk: number) => {
    if (!Number.isInteger(chunk) || chunk < 0 || chunk >= chunkCount()) {
      throw engineError(
        'unknown-chunk',
        ['chunk', chunk],
        `chunk ${chunk} was not generated`,
        'generate it first',
      );
    }
  };
  const keptChunk = (chunk: number): LatentFrame[] => {
    checkChunk(chunk);
    const start = chunk * config.chunkFrames;
    if (frames.slice(start, start + config.chunkFrames).includes(undefined))
      throw droppedError('chunk', chunk);
    return kept(start, start + config.chunkFrames);
  };

  /** Draws video frames `indices` (within the chunk) of a kept chunk; counts only those. */
  const decodeVideoFrames = (chunk: number, indices: readonly number[]): VideoFrame[] => {
    const latents = keptChunk(chunk);
    const count = config.chunkFrames * config.videoFramesPerLatent;
    const outside = indices.find((index) => !Number.isInteger(index) || index < 0 || index >= count);
    if (outside !== undefined) {
      throw engineError(
        'unknown-video-frame',
        ['frames', outside],
        `video frame ${outside} is not in chunk ${chunk} (it has ${count}: 0 to ${count - 1})`,
        'ask for indices within the chunk',
      );
    }
    const span = workProfile.start('decode');
    const output = indices.map((index) =>
      decoder.decode(
        latents[Math.floor(index / config.videoFramesPerLatent)]!,
        index % config.videoFramesPerLatent,
      ),
    );
    costs.decodedFrames += output.length;
    workProfile.stop(span);
    return output;
  };

  return {
    specificationVersion: 'v1',
    provider: 'mini',
    modelId: 'mini-causal-v2',
    info: {
      width: config.width,
      height: config.height,
      fps: config.fps,
      videoFramesPerLatent: config.videoFramesPerLatent,
      chunkFrames: config.chunkFrames,
      sinkFrames: config.sinkFrames,
      localFrames: config.localFrames,
      bankCapacity: config.bankCapacity,
      denoisingSteps: [...config.denoisingSteps],
      keyDimension: KEY_DIMENSION,
      imageToVideo: true,
    },

    async encodePrompt(text) {
      live();
      const span = workProfile.start('text-encoding');
      const analysis = analyze(text);
      const mean = new Float32Array(BINDING_SIZE);
      const tokens = analysis.tokens.flatMap((token, index) => {
        if (token.punctuation) return [];
        const vector = analysis.tokenVectors[index]!;
        for (let entry = 0; entry < BINDING_SIZE; entry++) mean[entry] = mean[entry]! + vector[entry]!;
        return [{ text: token.text, start: token.start, end: token.end, key: weights.projectKey(vector) }];
      });
      const encoded = {
        id: `mini:${hashString(text).toString(16)}`,
        text,
        tokens,
        embedding: normalize(mean),
      };
      workProfile.stop(span);
      return encoded;
    },

    async generateChunk(options: GenerateChunkOptions): Promise<GeneratedChunk> {
      live();
      const chunk = chunkCount();
      if (options.startImage !== undefined && chunk !== 0) {
        throw engineError(
          'start-image-not-first',
          ['generateChunk', 'startImage'],
          `a start image is taken on chunk 0 only, this is chunk ${chunk}`,
          'pass startImage with the first generateChunk call',
        );
      }
      const startFrame = chunk * config.chunkFrames;
      const chunkEnd = startFrame + config.chunkFrames;
      const conditioning = conditioningOf(options);
      const topK = checkTopK(options.memoryTopK);
      const before = kernels.attentionOps;
      let first = startFrame;
      if (options.startImage !== undefined) {
        // Image-to-video: the first latent frame is the encoded picture, not denoised; its context pass under the
        // prompt writes its keys/values before the other frames are denoised with it in context (it is the sink).
        const frame = imageLatentFrame(pixelTokens(options.startImage), conditioning, startFrame);
        const contextPass = workProfile.start('context-pass');
        frame.cache = writeCache(frame, contextFor(startFrame, chunkEnd), conditioning, topK);
        workProfile.stop(contextPass);
        frames.push(frame);
        costs.contextPasses += 1;
        first += 1;
      }
      for (let index = first; index < chunkEnd; index++) {
        const context = contextFor(index, chunkEnd);
        const denoising = workProfile.start('denoising');
        const frame = generateFrame({
          index,
          context,
          conditioning,
          sigmas,
          seed: config.seed,
          ...(topK === undefined ? {} : { memoryTopK: topK }),
        });
        workProfile.stop(denoising);
        // the context pass at timestep 0 writes the frame's keys/values; later frames of the chunk attend to them
        const contextPass = workProfile.start('context-pass');
        frame.cache = writeCache(frame, context, conditioning, topK);
        workProfile.stop(contextPass);
        frames.push(frame);
      }
      costs.attentionOps += kernels.attentionOps - before;
      costs.generatedFrames += chunkEnd - first;
      if (chunkEnd > first) {
        costs.denoisingPasses += sigmas.length;
        costs.contextPasses += 1;
      }
      const written = kept(startFrame, chunkEnd);
      dropOld();
      return {
        chunk,
        startFrame,
        frames: written.map((frame) => ({ frame: frame.index, keys: frameKeys(frame, weights) })),
      };
    },

    async recache(prompt: EncodedPrompt, options: RecacheOptions = {}) {
      live();
      const topK = checkTopK(options.memoryTopK);
      const conditioning = conditionOn(analyze(prompt.text), undefined);
      const first = Math.max(config.sinkFrames, frames.length - RECACHE_WINDOW);
      const span = workProfile.start('recache');
      const before = kernels.attentionOps;
      for (const frame of kept(first, frames.length)) {
        const index = frame.index;
        frame.cache = writeCache(frame, contextFor(index, index + 1), conditioning, topK);
        costs.recachedFrames += 1;
      }
      workProfile.stop(span);
      costs.attentionOps += kernels.attentionOps - before;
      costs.contextPasses += 1;
    },

    async storeFrame(frame, id) {
      live();
      if (Number.isInteger(frame) && frame >= 0 && frame < frames.length && frames[frame] === undefined) {
        throw droppedError('frame', frame);
      }
      const source = frames[frame];
      if (source === undefined) {
        throw engineError('unknown-frame', ['frame', frame], `latent frame ${frame} was not generated`);
      }
      const span = workProfile.start('memory-store');
      store.set(id, storeLatentFrame(source, config.quantization));
      workProfile.stop(span);
    },

    async encodeImage({ image, id, text = '', position = 0 }) {
      live();
      const conditioning = conditionOn(analyze(text), undefined);
      const frame = imageLatentFrame(pixelTokens(image), conditioning, position);
      const before = kernels.attentionOps;
      frame.cache = writeCache(frame, [], conditioning);
      costs.attentionOps += kernels.attentionOps - before;
      costs.contextPasses += 1;
      store.set(id, storeLatentFrame(frame, config.quantization));
    },

    async dropFrame(id) {
      live();
      store.delete(id);
    },

    async setBank(ids) {
      live();
      if (ids.length > config.bankCapacity) {
        throw engineError(
          'bank-overflow',
          ['bank'],
          `the bank holds at most ${config.bankCapacity} frames, got ${ids.length}`,
        );
      }
      const missing = ids.filter((id) => !store.has(id));
      if (missing.length > 0) {
        throw engineError(
          'unknown-frame-id',
          ['bank', missing[0]!],
          `no stored frame has id ${missing.join(', ')}`,
          'call storeFrame first',
        );
      }
      const span = workProfile.start('memory-store');
      bank = ids.map((id) => restoreContextFrame(store.get(id)!));
      workProfile.stop(span);
    },

    async decodeChunk(chunk): Promise<VideoFrame[]> {
      live();
      const count = config.chunkFrames * config.videoFramesPerLatent;
      return decodeVideoFrames(
        chunk,
        Array.from({ length: count }, (_, index) => index),
      );
    },

    async decodeFrames(chunk, indices): Promise<VideoFrame[]> {
      live();
      return decodeVideoFrames(chunk, indices);
    },

    renderRecord(chunk) {
      live();
      const span = workProfile.start('render-record');
      const entries = keptChunk(chunk).flatMap((frame) =>
        Array.from({ length: config.videoFramesPerLatent }, (_, step) =>
          decoder.record(frame, step, config.videoFramesPerLatent),
        ),
      );
      workProfile.stop(span);
      return entries;
    },

    costs: () => ({ ...costs }),

    storeBytes() {
      let bytes = 0;
      for (const stored of store.values()) bytes += storedFrameBytes(stored);
      return bytes;
    },

    weightBytes: () => weights.bytes(),

    async snapshot() {
      live();
      return snapshotMiniState({ frames, store, bank, costs }, identity());
    },

    async restore(snapshot) {
      live();
      const state = { frames, store, bank, costs };
      restoreMiniState(snapshot, state, identity());
      bank = state.bank;
      // frames that left the retention window come back empty; the window moves on from there
      droppedUpTo = config.sinkFrames;
      dropOld();
    },

    async release() {
      released = true;
      frames.length = 0;
      store.clear();
      bank = [];
      analyses.clear();
      conditionings.clear();
    },
  };
}

/** A sparse memory activation's frame count: undefined (dense) or a whole number of at least 1. */
function checkTopK(topK: number | undefined): number | undefined {
  if (topK === undefined || (Number.isInteger(topK) && topK >= 1)) return topK;
  throw engineError(
    'invalid-memory-top-k',
    ['memoryTopK'],
    `memoryTopK must be a whole number of at least 1, got ${topK}`,
    'give e.g. 3 (the reference), or omit it for dense attention',
  );
}

function asContext(frame: LatentFrame, part: ContextFrame['part']): ContextFrame {
  return { position: frame.index, part, scene: frame.scene, cache: frame.cache };
}

/** Pooled keys of a latent frame for memory scoring: the scene key, then one key per present figure. */
function frameKeys(frame: LatentFrame, weights: EngineWeights): Float32Array[] {
  const figures = frame.cache.filter((token) => token.value[stateLayout.presence]! > 0.5);
  return [weights.projectKey(frame.scene.binding), ...figures.map((token) => weights.projectKey(token.key))];
}
