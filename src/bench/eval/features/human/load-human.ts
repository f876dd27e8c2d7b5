import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EvalFeatureError } from '../../../../errors/index.js';
import { fileModelRouter } from './file-model-router.js';

/** A box as [x, y, width, height]; pixels in `box`, 0..1 in `boxRaw`. */
export type HumanBox = [number, number, number, number];

/** The tensor operations the features use (tfjs-core as Human bundles it). */
export interface HumanTensorApi {
  tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): HumanTensor;
  tidy<T extends HumanTensor | HumanTensor[]>(fn: () => T): T;
  io: { registerLoadRouter(router: typeof fileModelRouter): void };
  getBackend(): string;
  image: { resizeBilinear(image: HumanTensor, size: [number, number]): HumanTensor };
  mean(x: HumanTensor, axis: number[]): HumanTensor;
  cast(x: HumanTensor, dtype: 'float32'): HumanTensor;
  expandDims(x: HumanTensor, axis: number): HumanTensor;
}

/** A tfjs tensor, as far as the features touch it. */
export interface HumanTensor {
  shape: number[];
  data(): Promise<Float32Array | Int32Array | Uint8Array>;
  dispose(): void;
}

/** A tfjs GraphModel, as far as the features touch it. */
export interface HumanGraphModel {
  execute(input: HumanTensor, outputs: string[]): HumanTensor[];
}

/** One `human.detect` result, only the fields the features read. */
export interface HumanResult {
  face: Array<{ score: number; box: HumanBox; boxRaw: HumanBox; embedding?: number[] }>;
}

/** A loaded Human instance, only the members the features use. */
export interface HumanInstance {
  version: string;
  tf: HumanTensorApi;
  load(): Promise<void>;
  detect(input: HumanTensor, config?: object): Promise<HumanResult>;
  models: { models: Record<string, HumanGraphModel | null> };
}

/** Names of the models the human features load (all in `@vladmandic/human/models`). */
export const humanModels = {
  faceDetector: 'blazeface',
  faceMesh: 'facemesh',
  faceDescription: 'faceres',
  personDetector: 'centernet',
} as const;

let loading: Promise<{ human: HumanInstance }> | undefined;

/**
 * Loads @vladmandic/human on the tfjs WebAssembly backend, fully offline: the wasm binaries come from the
 * `@tensorflow/tfjs-backend-wasm` package folder, the models from Human's own `models/` folder through a `file://`
 * load router. Node's export map of the package points at `human.node.js` (it needs tfjs-node, which downloads a
 * binary at install), so `human.node-wasm.js` is loaded by path. One instance per process.
 *
 * @example
 * const { human } = await loadHuman();
 */
export function loadHuman(): Promise<{ human: HumanInstance }> {
  loading ??= load().catch((cause: unknown) => {
    loading = undefined;
    throw new EvalFeatureError({
      message: `the human features could not load: ${(cause as Error).message}`,
      issues: [
        {
          code: 'human-load-failed',
          path: ['@vladmandic/human'],
          message: (cause as Error).message,
          hint: 'reinstall the dependencies (npm ci): the models ship in @vladmandic/human, the wasm files in @tensorflow/tfjs-backend-wasm; or use --features embedded',
        },
      ],
      cause,
    });
  });
  return loading;
}

async function load(): Promise<{ human: HumanInstance }> {
  const require = createRequire(import.meta.url);
  // The package's main entry is only resolved (not loaded) to find the folder it ships in.
  const humanDist = dirname(require.resolve('@vladmandic/human'));
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const module = (await import(pathToFileURL(join(humanDist, 'human.node-wasm.js')).href)) as {
    Human?: new (config: object) => HumanInstance;
    default?: { Human: new (config: object) => HumanInstance };
  };
  const Human = module.Human ?? module.default?.Human;
  if (Human === undefined) throw new Error('@vladmandic/human: human.node-wasm.js exports no Human class');
  const human = new Human({
    backend: 'wasm',
    wasmPath: `${wasmDir}/`,
    modelBasePath: `${pathToFileURL(join(dirname(humanDist), 'models')).href}/`,
    cacheSensitivity: 0,
    cacheModels: false,
    debug: false,
    warmup: 'none',
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 10, minConfidence: 0.3, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: true },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    // Loaded for its CenterNet model, which analyseFrame runs itself (persons and backbone features in one pass).
    object: { enabled: true },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  });
  human.tf.io.registerLoadRouter(fileModelRouter);
  await human.load();
  if (human.tf.getBackend() !== 'wasm')
    throw new Error(`@vladmandic/human: backend ${human.tf.getBackend()}, not wasm`);
  return { human };
}
