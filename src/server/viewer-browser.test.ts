import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFixtureStore } from '../bench/report/__fixtures__/write-fixture-store.js';
import { startServer } from './start-server.js';

const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available) {
  console.warn(
    `skipping the viewer browser test: ${executablePath} is missing (install the Debian package \`chromium\`)`,
  );
}
// IAMFLOW_UPDATE_SCREENSHOTS=1 copies the screenshots to docs/images (committed, shown in docs/server.md).
const update = process.env.IAMFLOW_UPDATE_SCREENSHOTS === '1';
const imagesDir = join(import.meta.dirname, '..', '..', 'docs', 'images');

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const prompts = [
  'Nora, a young woman with red hair in a yellow raincoat, walks along a rainy street.',
  'Ravi, a tall man with round glasses and a gray scarf, waits at a bus stop.',
  'Nora stops next to Ravi and they talk under the shelter.',
];
const annotated = {
  id: 'nora-and-ravi',
  seconds: 4,
  prompts,
  characters: {
    nora: { aliases: ['Nora'], attrs: ['red hair', 'yellow raincoat'] },
    ravi: { aliases: ['Ravi'], attrs: ['round glasses', 'gray scarf'] },
  },
  present: [['nora'], ['ravi'], ['nora', 'ravi']],
};
const inserted = 'A woman in a red dress opens a yellow umbrella in a park.';

describe.skipIf(!available)('the viewer in Debian chromium', () => {
  it('starts a run, shows frames, takes an inserted prompt mid-run, and shows timeline, memory and bench views', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-viewer-browser-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    mkdirSync(join(data, 'bench', 'fixture'), { recursive: true });
    writeFixtureStore(join(data, 'bench', 'fixture', 'results.sqlite'));
    const server = await startServer({ dataDir: data, port: 0, evaluate: true });
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const shots: string[] = [];
    const shot = async (
      name: string,
      target: { screenshot(options: { path: string }): Promise<unknown> },
    ) => {
      const path = join(dir, name);
      await target.screenshot({ path });
      shots.push(path);
    };
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.goto(`${server.url}/#token=${server.token}`);
      await page.locator('select[name=policy] option[value=iamflow]').waitFor({ state: 'attached' });
      await page.fill('textarea[name=text]', prompts.join('\n'));
      await page.fill('input[name=seconds]', '10');
      await page.selectOption('select[name=size]', '480x270');
      await page.click('#start-run');

      // Frames arrive: the first on screen within 2 s of pressing start.
      await page.locator('#player[data-frames]').waitFor();
      const firstFrameMs = Number(await page.getAttribute('#player', 'data-first-frame-ms'));
      const stages = await page.$eval('#player', (player) => ({
        ...(player as unknown as { dataset: object }).dataset,
      }));
      console.log(`first frame on screen ${firstFrameMs} ms after start`, stages);
      // The < 2 s goal is measured by bench/server-stream.ts, not asserted here (timed tests flake on busy machines).
      expect(firstFrameMs).toBeGreaterThan(0);

      // Insert a prompt while the run streams; it starts at the next chunk boundary.
      await page.waitForFunction("Number(document.getElementById('player').dataset.lastChunk ?? 0) >= 3");
      await page.fill('#insert-text', inserted);
      await page.click('#insert-button');
      await page.locator('#script li.inserted').waitFor();
      // The switch in the video: a frame of the inserted prompt's chunks is on screen.
      await page.locator('#player .overlay', { hasText: inserted }).waitFor();
      await shot('server-live.png', page);

      await page.locator('.status.done').waitFor({ timeout: 120_000 });
      await page.locator('#entity-timeline rect.inserted-span').waitFor();
      await page.locator('#entity-timeline rect.mention').first().waitFor();
      expect(await page.locator('#script li.inserted').textContent()).toContain(inserted);
      await page.locator('#video').waitFor();
      await shot('server-timeline.png', page);

      await page.click('#tab-memory');
      await page.locator('#memory-chunk').waitFor();
      await page.locator('#memory-chunk').fill('20');
      await page.waitForFunction(
        "[...document.querySelectorAll('#memory-view .thumb img')].some((img) => img.naturalWidth > 0)",
      );
      await page.waitForTimeout(1500); // the remaining thumbnails seek through the video
      await shot('server-memory.png', page.locator('#memory-view'));

      await page.click('#tab-scores');
      await page.locator('#metrics td').first().waitFor();
      // The per-segment breakdown: one row per prompt (the typed script has no annotations, and the tab says so).
      await page.locator('#segments tr[data-segment]').first().waitFor();
      expect(await page.locator('#segments tr[data-segment]').count()).toBeGreaterThanOrEqual(prompts.length);
      expect(await page.locator('#segments').textContent()).toContain('no annotations');
      await page.goto(`${server.url}/#/`);
      await page.locator('td .status.done').waitFor();
      await shot('server-runs.png', page);

      await page.goto(`${server.url}/#/bench?path=bench/fixture`);
      const frame = page.frameLocator('iframe.report');
      await frame.locator('svg.chart').first().waitFor();
      await shot('server-bench.png', page);

      // An annotated script: the scores tab breaks the evaluation down per segment and expected character.
      const started = await fetch(`${server.url}/api/runs`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          script: { text: `${JSON.stringify(annotated)}\n`, name: 'pair.jsonl' },
          size: { width: 480, height: 270 },
        }),
      });
      const { run } = (await started.json()) as { run: { id: string } };
      await page.goto(`${server.url}/#/runs/${run.id}`);
      await page.locator('.status.done').waitFor({ timeout: 120_000 });
      await page.click('#tab-scores');
      await page.locator('#segments tr[data-segment]').first().waitFor();
      expect(await page.locator('#segments tr[data-segment]').count()).toBe(annotated.prompts.length);
      expect(await page.locator('#segments tr[data-segment="2"]').textContent()).toContain('ravi');
      await shot('server-scores.png', page.locator('#metrics'));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
    if (update) {
      mkdirSync(imagesDir, { recursive: true });
      for (const path of shots) copyFileSync(path, join(imagesDir, path.split('/').at(-1)!));
    }
  }, 180_000);
});
