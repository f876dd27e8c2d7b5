import type { VideoFrame } from '../../frame/video-frame.js';
import { reference } from '../../reference/index.js';
import type {
  CausalVideoEngineV1,
  EncodedPrompt,
  EngineCosts,
  GenerateChunkOptions,
  GeneratedChunk,
  RenderRecordEntry,
} from '../engine.js';
import { createDecoder } from './decoder.js';
import { engineError } from './engine-error.js';
import { restoreContextFrame, type StoredFrame, storedFrameBytes, storeLatentFrame } from './frame-store.js';
import { type Conditioning, generateFrame } from './generator.js';
import { SETTING_WORDS } from './lexicon.js';
import { hashString } from './random.js';
import { frameKeys, rebindFrame } from './rebind.js';
import { type MiniEngineSettings, resolveMiniSettings, shiftedSigmas } from './settings.js';
import { analyzePrompt, type PromptAnalysis } from './text-encoder.js';
import type { ContextFrame, LatentFrame } from './tokens.js';
import { BINDING_SIZE, KEY_DIMENSION, normalize, projectKey } from './weights.js';

/** Latent frames a recache re-runs at most (LongLive: the attention window of 12). */
const RECACHE_WINDOW = reference.context.attentionWindowFrames;

/**
 * Creates the miniature causal engine: a small, deterministic causal generator over scene and figure tokens with
 * real softmax attention over `sink | bank | local window`, its own weak text encoder, and a canvas decoder.
 * Every generated frame's tokens are kept until `release`, so `storeFrame` accepts any generated frame.
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
} {
  const config = resolveMiniSettings(settings);
  const sigmas = shiftedSigmas(config.denoisingSteps, config.timestepShift);
  const decoder = createDecoder(config.width, config.height, config.videoFramesPerLatent);
  const frames: LatentFrame[] = [];
  const store = new Map<string, StoredFrame>();
  const analyses = new Map<string, PromptAnalysis>();
  let bank: ContextFrame[] = [];
  let released = false;
  const costs: EngineCosts = {
    generatedFrames: 0,
    denoisingPasses: 0,
    contextPasses: 0,
    recachedFrames: 0,
    attentionOps: 0,
    decodedFrames: 0,
  };

  const live = () => {
    if (released) throw engineError('engine-released', [], 'the engine was released', 'create a new engine');
  };
  const analyze = (text: string) => {
    let analysis = analyses.get(text);
    if (analysis === undefined) {
      analysis = analyzePrompt(text);
      analyses.set(text, analysis);
    }
    return analysis;
  };
  const contextFor = (index: number, chunkEnd: number): ContextFrame[] => {
    const sink = frames.slice(0, Math.min(config.sinkFrames, index)).map((frame) => asContext(frame, 'sink'));
    const localStart = Math.max(config.sinkFrames, chunkEnd - config.localFrames);
    const local = frames.slice(localStart, index).map((frame) => asContext(frame, 'local'));
    return [...sink, ...bank, ...local];
  };
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

  return {
    specificationVersion: 'v1',
    provider: 'mini',
    modelId: 'mini-causal-v1',
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
    },

    async encodePrompt(text) {
      live();
      const analysis = analyze(text);
      const mean = new Float32Array(BINDING_SIZE);
      const tokens = analysis.tokens.flatMap((token, index) => {
        if (token.punctuation) return [];
        const vector = analysis.tokenVectors[index]!;
        for (let entry = 0; entry < BINDING_SIZE; entry++) mean[entry] = mean[entry]! + vector[entry]!;
        return [{ text: token.text, start: token.start, end: token.end, key: projectKey(vector) }];
      });
      return { id: `mini:${hashString(text).toString(16)}`, text, tokens, embedding: normalize(mean) };
    },

    async generateChunk(options: GenerateChunkOptions): Promise<GeneratedChunk> {
      live();
      const chunk = chunkCount();
      const startFrame = chunk * config.chunkFrames;
      const chunkEnd = startFrame + config.chunkFrames;
      const conditioning = conditionOn(options, analyze);
      for (let index = startFrame; index < chunkEnd; index++) {
        const { frame, attentionOps } = generateFrame({
          index,
          context: contextFor(index, chunkEnd),
          previous: frames[index - 1],
          conditioning,
          sigmas,
          seed: config.seed,
          chunkFrames: config.chunkFrames,
          localFrames: config.localFrames,
        });
        frames.push(frame);
        costs.attentionOps += attentionOps;
      }
      costs.generatedFrames += config.chunkFrames;
      costs.denoisingPasses += sigmas.length;
      // the context pass at timestep 0: every new token attends over its context and the text once more
      costs.contextPasses += 1;
      const written = frames.slice(startFrame, chunkEnd);
      for (const frame of written) {
        const contextTokens = contextFor(frame.index, chunkEnd).reduce(
          (sum, entry) => sum + entry.figures.length + 1,
          0,
        );
        costs.attentionOps +=
          (frame.figures.length + 1) * (contextTokens + analyze(options.prompt.text).tokens.length);
      }
      return {
        chunk,
        startFrame,
        frames: written.map((frame) => ({ frame: frame.index, keys: frameKeys(frame) })),
      };
    },

    async recache(prompt: EncodedPrompt) {
      live();
      const analysis = analyze(prompt.text);
      const first = Math.max(config.sinkFrames, frames.length - RECACHE_WINDOW);
      for (let index = first; index < frames.length; index++) {
        const { frame, attentionOps } = rebindFrame(frames[index]!, analysis, config.localFrames);
        frames[index] = frame;
        costs.attentionOps += attentionOps;
        costs.recachedFrames += 1;
      }
      costs.contextPasses += 1;
    },

    async storeFrame(frame, id) {
      live();
      const source = frames[frame];
      if (source === undefined) {
        throw engineError('unknown-frame', ['frame', frame], `latent frame ${frame} was not generated`);
      }
      store.set(id, storeLatentFrame(source, config.quantization));
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
      bank = ids.map((id) => restoreContextFrame(store.get(id)!));
    },

    async decodeChunk(chunk): Promise<VideoFrame[]> {
      live();
      checkChunk(chunk);
      const output: VideoFrame[] = [];
      for (const frame of frames.slice(chunk * config.chunkFrames, (chunk + 1) * config.chunkFrames)) {
        for (let step = 0; step < config.videoFramesPerLatent; step++)
          output.push(decoder.decode(frame, step));
      }
      costs.decodedFrames += output.length;
      return output;
    },

    renderRecord(chunk) {
      live();
      checkChunk(chunk);
      return frames
        .slice(chunk * config.chunkFrames, (chunk + 1) * config.chunkFrames)
        .flatMap((frame) =>
          Array.from({ length: config.videoFramesPerLatent }, (_, step) =>
            decoder.record(frame, step, config.videoFramesPerLatent),
          ),
        );
    },

    costs: () => ({ ...costs }),

    storeBytes() {
      let bytes = 0;
      for (const stored of store.values()) bytes += storedFrameBytes(stored);
      return bytes;
    },

    async release() {
      released = true;
      frames.length = 0;
      store.clear();
      bank = [];
      analyses.clear();
    },
  };
}

function asContext(frame: LatentFrame, part: ContextFrame['part']): ContextFrame {
  return { position: frame.index, part, scene: frame.scene, figures: frame.figures };
}

/** Builds what conditions a chunk: the dominant prompt's mentions and the blended settings. */
function conditionOn(options: GenerateChunkOptions, analyze: (text: string) => PromptAnalysis): Conditioning {
  const target = analyze(options.prompt.text);
  const alpha = options.blend === undefined ? 1 : Math.min(1, Math.max(0, options.blend.alpha));
  const source = options.blend === undefined ? target : analyze(options.blend.from.text);
  const dominant = alpha >= 0.5 ? target : source;
  const strength = Math.max(alpha, 1 - alpha);
  const settings = [
    { analysis: target, weight: alpha },
    { analysis: source, weight: 1 - alpha },
  ].flatMap(({ analysis, weight }) =>
    analysis.setting === null || weight === 0
      ? []
      : [{ setting: analysis.setting, binding: settingBinding(analysis), weight }],
  );
  return {
    promptText: options.prompt.text,
    keyPrompt: dominant.text,
    freshPrompts: [target.text, source.text],
    mentions: dominant.mentions.map((mention) => ({ mention, strength })),
    settings,
  };
}

function settingBinding(analysis: PromptAnalysis): Float32Array {
  const index = analysis.tokens.findIndex((token) => SETTING_WORDS.get(token.lower) === analysis.setting);
  return analysis.tokenVectors[index]?.slice() ?? new Float32Array(BINDING_SIZE);
}
