import type { VideoFrame } from '../../frame/video-frame.js';
import type { CausalVideoEngineV1, EncodedPrompt, EngineCosts, EngineInfo, GenerateChunkOptions, GeneratedChunk, RecacheOptions, RenderRecordEntry } from '../../engine/engine.js';

/** A deterministic stand-in engine that records every call and counts work like the real port says. */
export interface FakeEngine extends CausalVideoEngineV1 {
  /** Every port call, in order, e.g. `generate:0`, `recache:p2`, `bank:a,b`. */
  readonly calls: string[];
  /** The options of every generateChunk call, in order. */
  readonly generateOptions: GenerateChunkOptions[];
  /** The options of every recache call, in order. */
  readonly recacheOptions: RecacheOptions[];
  /** The bank as last set. */
  readonly bank: readonly string[];
  /** Ids in the frame store. */
  readonly stored: ReadonlyMap<string, number>;
}

export const fakeEngineInfo: EngineInfo = {
  width: 8,
  height: 6,
  fps: 16,
  videoFramesPerLatent: 4,
  chunkFrames: 3,
  sinkFrames: 3,
  localFrames: 9,
  bankCapacity: 6,
  denoisingSteps: [1000, 750, 500, 250],
  keyDimension: 4,
};

/** A unit vector derived from a word, so equal words share a key. */
export function wordKey(word: string, dimension = fakeEngineInfo.keyDimension): Float32Array {
  const key = new Float32Array(dimension);
  let hash = 2166136261;
  for (const char of word) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  for (let i = 0; i < dimension; i++) {
    hash = Math.imul(hash ^ (hash >>> 13), 2654435761) >>> 0;
    key[i] = (hash % 1000) / 500 - 1;
  }
  return normalize(key);
}

function normalize(vector: Float32Array): Float32Array {
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

/**
 * Creates the fake engine. `frameKeys(frame)` decides each latent frame's pooled keys (default: one key derived
 * from the frame number).
 */
export function createFakeEngine(
  options: { frameKeys?: (frame: number) => Float32Array[]; info?: Partial<EngineInfo> } = {},
): FakeEngine {
  const info = { ...fakeEngineInfo, ...options.info };
  const calls: string[] = [];
  const generateOptions: GenerateChunkOptions[] = [];
  const recacheOptionsList: RecacheOptions[] = [];
  const stored = new Map<string, number>();
  let bank: string[] = [];
  let generated = 0;
  let encodings = 0;
  let released = false;
  // The port says a released engine is unusable: every call after release() throws, as the mini engine's do.
  const live = () => {
    if (released) throw new Error('the fake engine was released');
  };
  const costs: EngineCosts = {
    generatedFrames: 0,
    denoisingPasses: 0,
    contextPasses: 0,
    recachedFrames: 0,
    attentionOps: 0,
    decodedFrames: 0,
  };
  const frameKeys = options.frameKeys ?? ((frame: number) => [wordKey(`frame-${frame}`, info.keyDimension)]);
  const contextFrames = () => Math.min(generated, info.sinkFrames) + bank.length + Math.min(generated, info.localFrames);

  return {
    specificationVersion: 'v1',
    provider: 'fake',
    modelId: 'fake-v1',
    info,
    calls,
    generateOptions,
    recacheOptions: recacheOptionsList,
    get bank() {
      return bank;
    },
    stored,
    async encodePrompt(text: string): Promise<EncodedPrompt> {
      live();
      calls.push(`encode:${text}`);
      encodings += 1;
      const tokens = [...text.matchAll(/\S+/g)].map((match) => ({
        text: match[0],
        start: match.index,
        end: match.index + match[0].length,
        key: wordKey(match[0].toLowerCase(), info.keyDimension),
      }));
      const sum = new Float32Array(info.keyDimension);
      for (const token of tokens) for (let i = 0; i < sum.length; i++) sum[i]! += token.key[i]!;
      return { id: `p${encodings}`, text, tokens, embedding: normalize(sum) };
    },
    async generateChunk(chunkOptions: GenerateChunkOptions): Promise<GeneratedChunk> {
      live();
      const chunk = generated / info.chunkFrames;
      if (chunkOptions.startImage !== undefined && (info.imageToVideo !== true || chunk !== 0)) {
        throw new Error(`the fake engine takes a start image on chunk 0 with info.imageToVideo (chunk ${chunk})`);
      }
      calls.push(chunkOptions.startImage ? `generate:${chunk}:start-image` : `generate:${chunk}`);
      generateOptions.push(chunkOptions);
      const startFrame = generated;
      costs.attentionOps += info.chunkFrames * (contextFrames() + info.chunkFrames) * info.denoisingSteps.length;
      costs.denoisingPasses += info.denoisingSteps.length;
      costs.contextPasses += 1;
      costs.generatedFrames += info.chunkFrames;
      generated += info.chunkFrames;
      const frames = Array.from({ length: info.chunkFrames }, (_, i) => ({
        frame: startFrame + i,
        keys: frameKeys(startFrame + i),
      }));
      return { chunk, startFrame, frames };
    },
    async recache(prompt: EncodedPrompt, recacheOptions: RecacheOptions = {}): Promise<void> {
      live();
      calls.push(`recache:${prompt.id}`);
      recacheOptionsList.push(recacheOptions);
      const frames = Math.min(info.sinkFrames + info.localFrames, generated);
      costs.recachedFrames += frames;
      costs.contextPasses += 1;
      costs.attentionOps += frames * contextFrames();
    },
    async storeFrame(frame: number, id: string): Promise<void> {
      live();
      if (frame >= generated) throw new Error(`frame ${frame} not generated yet`);
      calls.push(`store:${frame}:${id}`);
      stored.set(id, frame);
    },
    async dropFrame(id: string): Promise<void> {
      live();
      calls.push(`drop:${id}`);
      stored.delete(id);
      bank = bank.filter((b) => b !== id);
    },
    async setBank(ids: readonly string[]): Promise<void> {
      live();
      for (const id of ids) if (!stored.has(id)) throw new Error(`unknown frame id ${id}`);
      if (ids.length > info.bankCapacity) throw new Error('bank over capacity');
      calls.push(`bank:${ids.join(',')}`);
      bank = [...ids];
    },
    async decodeChunk(chunk: number): Promise<VideoFrame[]> {
      live();
      calls.push(`decode:${chunk}`);
      const count = info.chunkFrames * info.videoFramesPerLatent;
      costs.decodedFrames += count;
      return Array.from({ length: count }, (_, i) => ({
        width: info.width,
        height: info.height,
        data: new Uint8Array(info.width * info.height * 3).fill((chunk * count + i) % 256),
      }));
    },
    costs: () => ({ ...costs }),
    async release(): Promise<void> {
      calls.push('release');
      released = true;
    },
    renderRecord(chunk: number): RenderRecordEntry[] {
      const count = info.chunkFrames * info.videoFramesPerLatent;
      return Array.from({ length: count }, (_, i) => ({
        frame: chunk * count + i,
        latentFrame: chunk * info.chunkFrames + Math.floor(i / info.videoFramesPerLatent),
        prompt: '',
        scene: { setting: null, appearance: [] },
        figures: [],
      }));
    },
  };
}
