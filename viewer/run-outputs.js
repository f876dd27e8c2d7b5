import { withToken } from './api.js';
import { fmt, h } from './dom.js';

const terminal = ['done', 'failed', 'cancelled', 'interrupted'];

// The outputs of a finished run: evaluation scores with timing, and the keyframe of each prompt.
export function renderScores(scores, state) {
  const s = state.run?.scores;
  scores.replaceChildren(
    s
      ? h(
          'table',
          { style: 'width:auto' },
          h(
            'tbody',
            {},
            Object.entries(s).map(([k, v]) =>
              h('tr', {}, h('th', {}, k), h('td', { class: 'num' }, fmt(v, 2))),
            ),
          ),
        )
      : h(
          'p',
          { class: 'muted' },
          terminal.includes(state.run?.status) ? 'not evaluated' : 'scores appear when the run is done',
        ),
    state.runJson
      ? h(
          'p',
          { class: 'muted' },
          `wall ${fmt(state.runJson.wallSeconds, 2)} s · realtime factor ${fmt(state.runJson.realtimeFactor, 2)} · ${state.runJson.costs.switches.length} switches`,
        )
      : null,
    metricsTable(state.evaluation),
  );
}

// Every metric of evaluation.json, with the model-free proxy that stood in for a model, and the warnings.
function metricsTable(report) {
  if (!report) return null;
  return h(
    'div',
    { id: 'metrics' },
    h(
      'table',
      { style: 'width:auto' },
      h('thead', {}, h('tr', {}, h('th', {}, 'metric'), h('th', {}, 'score'), h('th', {}, 'measured by'))),
      h(
        'tbody',
        {},
        Object.entries(report.metrics).map(([name, value]) =>
          h(
            'tr',
            {},
            h('td', {}, name),
            h('td', { class: 'num' }, fmt(value, 2)),
            h('td', { class: 'muted' }, report.proxies?.[name] ?? ''),
          ),
        ),
      ),
    ),
    report.warnings?.length
      ? h(
          'ul',
          { class: 'muted' },
          report.warnings.map((w) => h('li', {}, w)),
        )
      : null,
    segmentsTable(report.segments),
  );
}

// The per-segment breakdown: who the annotations expect on screen, whether the pixel analysis found each
// (grounded), and how consistent each looks with its other appearances (0..100, the bench's identity timeline).
function segmentsTable(segments) {
  if (!segments?.length) return null;
  const annotated = segments.some((segment) => segment.expected !== null);
  return h(
    'div',
    { id: 'segments' },
    h('h3', {}, 'Per segment'),
    annotated
      ? null
      : h(
          'p',
          { class: 'muted' },
          'no annotations: the script names no characters, so who is on screen and their consistency were not measured',
        ),
    h(
      'table',
      { style: 'width:auto' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, '#'),
          h('th', {}, 'prompt'),
          ...(annotated
            ? [h('th', {}, 'expected'), h('th', {}, 'grounded'), h('th', {}, 'consistency')]
            : []),
        ),
      ),
      h(
        'tbody',
        {},
        segments.map((segment) => {
          const cells = [h('td', { class: 'num' }, String(segment.index + 1)), h('td', {}, segment.prompt)];
          if (annotated) {
            const characters = segment.characters ?? [];
            const lines = (render) =>
              characters.length
                ? characters.map((c) => h('div', {}, render(c)))
                : [h('span', { class: 'muted' }, '—')];
            cells.push(
              h('td', {}, ...lines((c) => c.character)),
              h('td', {}, ...lines((c) => (c.grounded ? 'yes' : 'no'))),
              h(
                'td',
                { class: 'num' },
                ...lines((c) => (c.consistency === null ? '—' : fmt(c.consistency, 1))),
              ),
            );
          }
          return h('tr', { 'data-segment': String(segment.index) }, ...cells);
        }),
      ),
    ),
  );
}
export function renderKeyframes(keyframes, state, segments) {
  const files = state.runJson?.outputs.keyframes ?? [];
  keyframes.replaceChildren(
    ...(files.length
      ? files.map((file, i) =>
          h(
            'figure',
            {},
            h('img', { src: withToken(`/api/runs/${state.id}/files/${file}`), alt: file }),
            h('figcaption', {}, state.runJson?.edits ? file : `${i + 1}. ${segments[i]?.prompt ?? ''}`),
          ),
        )
      : [h('p', { class: 'muted' }, 'keyframes appear when the run is done')]),
  );
}
