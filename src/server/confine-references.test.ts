import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Script } from '../script/script.js';
import { confineReferences } from './confine-references.js';

const script = (image: string): Script => ({
  id: 's',
  fps: 16,
  prompts: ['Nora walks.'],
  seconds: [10],
  source: { path: 'story.jsonl' },
  references: { nora: { image, name: 'Nora' } },
  startImage: image,
});

describe('confineReferences', () => {
  it('resolves pictures inside the data folder and refuses the way out', async () => {
    const data = await mkdtemp(join(tmpdir(), 'iamflow-data-'));
    await mkdir(join(data, 'scripts'));
    const inside = confineReferences(data, script('refs/nora.png'), 'scripts');
    expect(inside.references!.nora!.image).toMatch(/scripts\/refs\/nora\.png$/);
    expect(inside.startImage).toBe(inside.references!.nora!.image);
    for (const image of ['../../etc/passwd', '/etc/passwd']) {
      expect(() => confineReferences(data, script(image), 'scripts')).toThrow(/path/);
    }
  });
});
