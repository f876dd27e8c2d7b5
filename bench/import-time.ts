// Import time of the package entries, each in a fresh Node process, and which heavy libraries each one loads.
// Build first (`npm run build`), then: npx tsx bench/import-time.ts [--runs 9] [--baseline DIR/dist/index.js]
// --baseline adds another build's root entry (e.g. an older commit's dist) as the yardstick of the ratios.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, baseline: { type: 'string' } },
});
const runs = Number(values.runs);
const entries = [
  'iamflow',
  'iamflow/engine',
  'iamflow/script',
  'iamflow/pipeline',
  'iamflow/memory',
  'iamflow/agents',
  'iamflow/video',
  'iamflow/eval',
  'iamflow/bench',
];
const heavy = ['better-sqlite3', '@napi-rs/canvas', 'compromise'];

/** Milliseconds the import takes inside a fresh process (start-up of Node itself excluded). */
function importMs(specifier: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${specifier}: ${result.stderr}`);
  return Number(result.stdout.trim());
}

/** The heavy libraries an import loads, seen by a resolve hook (a separate run: hooks slow loading). */
function heavyLoaded(specifier: string): string[] {
  const hooks = `let port; export function initialize(data) { port = data.port; }
    export async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }`;
  const code = `import { register } from 'node:module'; const { port1, port2 } = new MessageChannel(); const seen = new Set();
    port1.on('message', (url) => seen.add(url)); port1.unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), { data: { port: port2 }, transferList: [port2] });
    await import(${JSON.stringify(specifier)}); await new Promise((r) => setTimeout(r, 50));
    console.log(JSON.stringify([...seen]));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${specifier}: ${result.stderr}`);
  const urls = JSON.parse(result.stdout.trim()) as string[];
  return heavy.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const targets = values.baseline ? [values.baseline, ...entries] : entries;
const times = new Map(targets.map((target) => [target, [] as number[]]));
// Interleaved (A B C A B C ...), so a drift in machine speed touches every entry alike.
for (let run = 0; run < runs; run++) for (const target of targets) times.get(target)!.push(importMs(target));
const yardstick = median(times.get(targets[0]!)!);
console.log(`median of ${runs} fresh processes; ratio to ${targets[0]}`);
for (const target of targets) {
  const all = times.get(target)!;
  const loaded = heavyLoaded(target);
  console.log(
    `${target.padEnd(24)} ${median(all).toFixed(1).padStart(7)} ms  (min ${Math.min(...all).toFixed(1)}, max ${Math.max(...all).toFixed(1)})` +
      `  x${(median(all) / yardstick).toFixed(2)}  loads: ${loaded.join(', ') || '-'}`,
  );
}
