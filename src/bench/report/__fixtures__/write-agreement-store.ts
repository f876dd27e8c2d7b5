import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderRecordEntry } from '../../../engine/engine.js';
import { APPEARANCE_SIZE } from '../../../engine/mini/appearance.js';
import { annotations, timeline } from '../../eval/__fixtures__/craft-video.js';
import { openResultsStore } from '../../store/results-store.js';
import type { RunRecord } from '../../store/run-record.js';

const policies = ['self-forcing', 'longlive', 'memflow', 'iamflow'];

/**
 * Writes `<dir>/results.sqlite` with 2 dimensions x 3 scripts x 4 policies whose stored pixel duplication follows
 * the oracle's (rho 1) and whose pixel grounding runs against it (rho -1); one run failed. With `keepFolder`, the
 * run `reappearance-001/iamflow` keeps its folder (run.json + render.jsonl of the crafted script) with one extra,
 * unmapped figure ("a stranger") in each of the 5 sampled frames of segment 0; its oracle is then read from there.
 */
export function writeAgreementStore(dir: string, { keepFolder = false } = {}): void {
  const store = openResultsStore(join(dir, 'results.sqlite'));
  for (const dimension of ['reappearance', 'newcomer']) {
    for (const n of [1, 2, 3]) {
      for (const [p, policy] of policies.entries()) {
        const x = 10 * n + p + (dimension === 'newcomer' ? 40 : 0);
        const scriptId = `${dimension}-00${n}`;
        const record: RunRecord = {
          scriptId,
          policy,
          seed: 1,
          width: 128,
          height: 96,
          steps: 4,
          dimension,
          status: 'done',
          wallSeconds: 3,
          scores: { total: 50, quality: 50, temporal: 50, instruction: 50 },
          metrics: {
            subjectConsistency: 90,
            duplication: x,
            'oracle.duplication': x + 5,
            entityGrounding: x,
            'oracle.entityGrounding': 100 - x,
          },
          createdAt: '2025-01-01T00:00:00.000Z',
        };
        if (keepFolder && scriptId === 'reappearance-001' && policy === 'iamflow') {
          record.runDir = 'runs/reappearance-001/iamflow-s1-128x96';
          writeRunFolder(join(dir, record.runDir));
        }
        store.recordRun(record);
      }
    }
  }
  store.recordRun({
    scriptId: 'newcomer-004',
    policy: 'iamflow',
    seed: 1,
    width: 128,
    height: 96,
    steps: 4,
    dimension: 'newcomer',
    status: 'failed',
    error: 'engine ran out of memory',
    wallSeconds: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  store.close();
}

function writeRunFolder(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({ script: { prompts: timeline.segments.map((s) => s.prompt), annotations }, timeline }),
  );
  const lines: string[] = [];
  for (const segment of timeline.segments) {
    for (let frame = segment.startFrame * 4; frame < segment.endFrame * 4; frame++) {
      const mentions = [
        ...annotations.present[segment.index]!.map((key) => annotations.characters[key]!.aliases[0]!),
        ...(segment.index === 0 ? ['a stranger'] : []),
      ];
      const entry: RenderRecordEntry = {
        frame,
        latentFrame: frame >> 2,
        prompt: segment.prompt,
        scene: { setting: null, appearance: [] },
        figures: mentions.map((mention, slot) => ({
          slot,
          appearance: new Array(APPEARANCE_SIZE).fill(0.5),
          box: [0, 0, 1, 1],
          mention,
        })),
      };
      lines.push(JSON.stringify(entry));
    }
  }
  writeFileSync(join(dir, 'render.jsonl'), `${lines.join('\n')}\n`);
}
