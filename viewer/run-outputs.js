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
