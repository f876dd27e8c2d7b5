import type { WorkProfileSnapshot } from '../../engine/work-profile.js';

/**
 * The work-profile parts in report order, each with the group it belongs to. Parts are self times (nested spans
 * excluded), so their sum is the measured time; `other` in a table is the wall time no span covered.
 */
export const profileParts = [
  { part: 'text-encoding', group: 'engine', label: 'text encoding' },
  { part: 'attention.sink', group: 'engine', label: 'attention: sink' },
  { part: 'attention.bank', group: 'engine', label: 'attention: bank' },
  { part: 'attention.local', group: 'engine', label: 'attention: local' },
  { part: 'attention.text', group: 'engine', label: 'attention: text (cross)' },
  { part: 'attention.routing', group: 'engine', label: 'attention: memory routing (sparse)' },
  { part: 'denoising', group: 'engine', label: 'denoising (rest of the steps)' },
  { part: 'context-pass', group: 'engine', label: 'context pass (cache write)' },
  { part: 'recache', group: 'engine', label: 'recache' },
  { part: 'transition', group: 'engine', label: 'transition (rest)' },
  { part: 'decode', group: 'engine', label: 'decode (canvas, RGB)' },
  { part: 'render-record', group: 'engine', label: 'render record' },
  { part: 'memory-store', group: 'agents', label: 'memory: store/bank frames' },
  { part: 'policy', group: 'agents', label: 'policy (memory, scoring)' },
  { part: 'agents', group: 'agents', label: 'agents (entity extraction)' },
  { part: 'verify', group: 'agents', label: 'verify (sampling, verifier)' },
  { part: 'output', group: 'output', label: 'output (sink, rest)' },
  { part: 'encode', group: 'output', label: 'encode (MP4 pipe, drain)' },
  { part: 'characters', group: 'output', label: 'character sheets' },
  { part: 'io', group: 'output', label: 'I/O (render record, PNG, run.json)' },
] as const;

/** Group of a profile part: engine work, agents/memory/verification on the critical path, or output. */
export type ProfileGroup = (typeof profileParts)[number]['group'];

/** Summed self milliseconds of the parts of one group. */
export function groupMs(profile: WorkProfileSnapshot, group: ProfileGroup): number {
  let total = 0;
  for (const { part, group: of } of profileParts) if (of === group) total += profile.parts[part]?.selfMs ?? 0;
  return total;
}

/** Milliseconds of engine work on the generation thread. */
export const engineMs = (profile: WorkProfileSnapshot) => groupMs(profile, 'engine');

/** Milliseconds the generation thread spent in the policy, its agents, verification and memory. */
export const criticalPathAgentMs = (profile: WorkProfileSnapshot) => groupMs(profile, 'agents');

/**
 * A text table of where the time went: one row per part with milliseconds and share of the wall time, for each
 * column (e.g. one per policy, or before/after).
 */
export function formatWorkProfile(
  columns: ReadonlyArray<{ label: string; profile: WorkProfileSnapshot; wallMs: number }>,
): string {
  const known = new Set<string>(profileParts.map((entry) => entry.part));
  const extra = [...new Set(columns.flatMap((column) => Object.keys(column.profile.parts)))].filter(
    (part) => !known.has(part),
  );
  const rows: Array<{ label: string; ms: (column: (typeof columns)[number]) => number }> = [
    ...[...profileParts, ...extra.map((part) => ({ part, label: part }))].map((entry) => ({
      label: entry.label,
      ms: (column: (typeof columns)[number]) => column.profile.parts[entry.part]?.selfMs ?? 0,
    })),
    {
      label: 'other (loop, GC outside spans)',
      ms: (column) => column.wallMs - sumSelf(column.profile),
    },
    { label: 'wall', ms: (column) => column.wallMs },
  ];
  const cell = (ms: number, wallMs: number) => `${(ms / 1000).toFixed(2)} s ${percent(ms / wallMs)}`;
  const table = [
    ['part', ...columns.map((column) => column.label)],
    ...rows.map((row) => [row.label, ...columns.map((column) => cell(row.ms(column), column.wallMs))]),
  ];
  const widths = table[0]!.map((_, index) => Math.max(...table.map((line) => line[index]!.length)));
  return table
    .map((line) =>
      line
        .map((text, index) => (index === 0 ? text.padEnd(widths[0]!) : text.padStart(widths[index]!)))
        .join('  '),
    )
    .join('\n');
}

function sumSelf(profile: WorkProfileSnapshot): number {
  return Object.values(profile.parts).reduce((total, part) => total + part.selfMs, 0);
}

const percent = (share: number) => `${(100 * share).toFixed(1).padStart(5)}%`;
