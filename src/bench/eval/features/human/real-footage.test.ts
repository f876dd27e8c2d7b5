import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateNarraStreamDir } from '../../evaluate-narrastream-dir.js';
import { megamindPath, writeMegamindFolder } from './__fixtures__/megamind-folder.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('human features on real footage', () => {
  if (!existsSync(megamindPath)) {
    it.skip(`skipped: ${megamindPath} is missing (install the Debian package opencv-doc)`, () => {});
    return;
  }

  it('scores the same person across segments high and a swapped person low', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamflow-real-'));
    folders.push(dir);
    await writeMegamindFolder(dir);

    const report = await evaluateNarraStreamDir(dir, { features: 'human', width: 256 });
    const [same, swapped] = report.samples.map((sample) => sample.report!);
    expect(report.summary.features).toBe('human');
    expect(same!.features).toMatchObject({
      name: 'human',
      framesAnalysed: 12,
      models: expect.arrayContaining(['faceres']),
    });
    expect(same!.proxies.adjacentConsistency).toContain('faceres');
    expect(same!.metrics.entityGrounding).toBeUndefined();
    // Roxanne in segments 0 and 1 (one shot) and 3 (another shot); the swap puts Bernard in segment 1.
    expect(same!.metrics.adjacentConsistency).toBeGreaterThan(75);
    expect(swapped!.metrics.adjacentConsistency).toBeLessThan(same!.metrics.adjacentConsistency! - 15);
    expect(swapped!.metrics.longRangeConsistency).toBeLessThan(same!.metrics.longRangeConsistency! - 5);
    expect(same!.metrics.identitySwaps).toBe(100);
    expect(swapped!.metrics.identitySwaps).toBeLessThan(100);
    expect(same!.features!.msPerFrame).toBeGreaterThan(0);
  }, 240_000);
});
