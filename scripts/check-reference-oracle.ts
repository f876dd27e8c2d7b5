/**
 * Side check for docs/references.md: oracle long-range consistency of IAMFlow without and with references, as
 * scored and with the colours of unworn items (and age) masked out of the render record, on scripts that
 * scripts/measure-references.ts wrote to DIR.
 *
 *   npx tsx scripts/check-reference-oracle.ts out/references reappearance-002 multi-character-002
 */

import { readFileSync } from 'node:fs';
import { evaluateRenderRecord } from '../src/bench/eval/oracle.js';
import type { RenderRecordEntry } from '../src/engine/engine.js';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import { createPolicy } from '../src/memory/policy-registry.js';
import { generateVideo } from '../src/pipeline/generate-video.js';
import { loadReferences } from '../src/run/load-references.js';
import { readScripts } from '../src/script/read-script.js';
import { buildTimeline } from '../src/script/timeline.js';

const { scripts } = await readScripts('bench/suite/narrastream-324.jsonl');
const ITEMS = [12, 16, 21, 25, 29];
const mask = (records: RenderRecordEntry[]) =>
  records.map((r) => ({
    ...r,
    figures: r.figures.map((f) => {
      const a = [...f.appearance];
      for (const o of ITEMS) if (a[o]! <= 0.5) a[o + 1] = a[o + 2] = a[o + 3] = 0;
      a[38] = 0.5;
      return { ...f, appearance: a };
    }),
  }));
const [dir, ...ids] = process.argv.slice(2) as [string, ...string[]];
for (const id of ids) {
  const script = scripts.find((s) => s.id === id)!;
  const refsLine = JSON.parse(readFileSync(`${dir}/${id}/script.jsonl`, 'utf8'));
  const withRefs = {
    ...script,
    references: refsLine.references,
    source: { path: `${dir}/${id}/script.jsonl` },
  };
  const out: string[] = [];
  for (const refs of [false, true]) {
    const engine = createMiniEngine({ seed: 1, width: 240, height: 136 });
    const timeline = buildTimeline(script);
    const records: RenderRecordEntry[] = [];
    const references = refs ? await loadReferences(withRefs) : undefined;
    await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: (c) => createPolicy('iamflow', references ? { ...c, references } : c),
      onFrames: () => {},
      onRenderRecord: (e) => {
        records.push(...e);
      },
    });
    await engine.release();
    const all = evaluateRenderRecord(records, timeline, script.annotations!).metrics.longRangeConsistency;
    const vis = evaluateRenderRecord(mask(records), timeline, script.annotations!).metrics
      .longRangeConsistency;
    out.push(`${refs ? 'refs' : 'plain'} oracleLR=${all} visibleLR=${vis}`);
  }
  console.log(id, out.join(' | '));
}
