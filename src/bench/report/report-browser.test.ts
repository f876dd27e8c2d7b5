import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFixtureStore } from './__fixtures__/write-fixture-store.js';
import { writeReport } from './write-report.js';

const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available) {
  console.warn(
    `skipping the report browser test: ${executablePath} is missing (install the Debian package \`chromium\`)`,
  );
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('report.html in Debian chromium', () => {
  it('renders every SVG plot visibly, with labels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-report-browser-'));
    dirs.push(dir);
    writeFixtureStore(join(dir, 'results.sqlite'));
    const { html } = await writeReport(dir);
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
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.goto(pathToFileURL(html).href);
      const boxes = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { width: box.width, height: box.height, texts: svg.querySelectorAll('text').length };
        }),
      );
      expect(boxes).toHaveLength(7);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(300);
        expect(box.height).toBeGreaterThan(250);
        expect(box.texts).toBeGreaterThan(8);
      }
      expect(await page.locator('svg.chart').first().isVisible()).toBe(true);
      expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
      const screenshot = join(process.env.IAMFLOW_SCREENSHOT_DIR ?? dir, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(existsSync(screenshot)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
