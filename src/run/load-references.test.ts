import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { encodePng } from '../frame/encode-png.js';
import { parseScriptText } from '../script/parse-script-text.js';
import { loadReferences } from './load-references.js';

async function storyDir() {
  const dir = await mkdtemp(join(tmpdir(), 'iamflow-refs-'));
  const frame = { width: 3, height: 2, data: Uint8Array.from({ length: 18 }, (_, index) => index * 10) };
  await writeFile(join(dir, 'nora.png'), encodePng(frame));
  const canvas = createCanvas(4, 4);
  canvas.getContext('2d').fillStyle = 'rgb(200,40,40)';
  canvas.getContext('2d').fillRect(0, 0, 4, 4);
  await writeFile(join(dir, 'start.jpg'), canvas.toBuffer('image/jpeg'));
  await writeFile(join(dir, 'notes.png'), 'not a picture');
  return dir;
}

const scriptIn = (dir: string, fields: Record<string, unknown>) =>
  parseScriptText(JSON.stringify({ prompts: ['Nora walks.'], ...fields }), { path: join(dir, 'story.jsonl') })
    .scripts[0]!;

describe('loadReferences', () => {
  it('decodes PNG and JPEG pictures relative to the script file', async () => {
    const dir = await storyDir();
    const loaded = await loadReferences(
      scriptIn(dir, { references: { nora: { image: 'nora.png', name: 'Nora' } }, startImage: 'start.jpg' }),
    );
    expect(loaded!.characters[0]).toMatchObject({
      key: 'nora',
      name: 'Nora',
      image: { width: 3, height: 2 },
    });
    expect(Array.from(loaded!.characters[0]!.image.data.subarray(0, 6))).toEqual([0, 10, 20, 30, 40, 50]);
    expect(loaded!.startImage).toMatchObject({ width: 4, height: 4 });
    expect(loaded!.startImage!.data[0]).toBeGreaterThan(150);
    expect(await loadReferences(scriptIn(dir, {}))).toBeUndefined();
  });

  it('names the script, the reference and the fix for a missing or undecodable file', async () => {
    const dir = await storyDir();
    const path = join(dir, 'story.jsonl');
    const missing = await loadReferences(
      scriptIn(dir, { references: { nora: { image: 'gone.png' } } }),
    ).catch((error: unknown) => error);
    expect(InputError.isInstance(missing)).toBe(true);
    expect((missing as InputError).exitCode).toBe(2);
    expect((missing as InputError).issues[0]).toMatchObject({
      code: 'missing-image',
      path: [path, 'line 1', 'references', 'nora', 'image'],
      hint: 'check the path: it is relative to the script file',
    });
    const bad = await loadReferences(scriptIn(dir, { startImage: 'notes.png' })).catch(
      (error: unknown) => error,
    );
    expect((bad as InputError).issues[0]).toMatchObject({
      code: 'unsupported-image',
      path: [path, 'line 1', 'startImage'],
    });
  });
});
