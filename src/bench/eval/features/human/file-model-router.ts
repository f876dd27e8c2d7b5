import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a tfjs `model.json` the loader reads. */
interface ModelJson {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
  weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
}

/** What tfjs-core's `io.registerLoadRouter` expects back for a URL it can load. */
export interface FileModelHandler {
  load(): Promise<Record<string, unknown>>;
}

/**
 * A tfjs load router for `file://` model URLs: tfjs reads files only through tfjs-node (which downloads a binary
 * at install and fails offline), so models shipped inside an npm package are read here with `fs`. Other URLs are
 * left to the next router (`null`).
 *
 * @example
 * tf.io.registerLoadRouter(fileModelRouter);
 */
export function fileModelRouter(url: string | string[]): FileModelHandler | null {
  const first = Array.isArray(url) ? url[0] : url;
  if (typeof first !== 'string' || !first.startsWith('file://')) return null;
  return { load: () => loadModelFile(fileURLToPath(first)) };
}

async function loadModelFile(path: string): Promise<Record<string, unknown>> {
  const json = JSON.parse(await readFile(path, 'utf8')) as ModelJson;
  const weightSpecs: unknown[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const part of group.paths) buffers.push(await readFile(join(dirname(path), part)));
  }
  const weights = Buffer.concat(buffers);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}
