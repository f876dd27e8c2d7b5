import { dirname, resolve } from 'node:path';
import { decodeImageFile } from '../frame/decode-image.js';
import type { PolicyReferences } from '../memory/policy.js';
import type { Script } from '../script/script.js';

/**
 * Decodes a script's character references and start image, paths relative to the script file. Returns undefined
 * when the script names none; a bad file is an InputError naming the script, the reference and the path.
 *
 * @example
 * const references = await loadReferences(await readScript('story.yaml'));
 */
export async function loadReferences(script: Script): Promise<PolicyReferences | undefined> {
  if (script.references === undefined && script.startImage === undefined) return undefined;
  const base = dirname(script.source.path);
  const at =
    script.source.line === undefined
      ? [script.source.path]
      : [script.source.path, `line ${script.source.line}`];
  const characters = await Promise.all(
    Object.entries(script.references ?? {}).map(async ([key, reference]) => ({
      key,
      name: reference.name,
      ...(reference.description ? { description: reference.description } : {}),
      image: await decodeImageFile(resolve(base, reference.image), [...at, 'references', key, 'image']),
    })),
  );
  if (script.startImage === undefined) return { characters };
  const startImage = await decodeImageFile(resolve(base, script.startImage), [...at, 'startImage']);
  return { characters, startImage };
}
