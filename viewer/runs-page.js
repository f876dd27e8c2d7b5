import { api } from './api.js';
import { fmt, h } from './dom.js';

const example = [
  'Nora, a young woman with red hair in a yellow raincoat, walks along a rainy street.',
  'Ravi, a tall man with round glasses and a gray scarf, waits at a bus stop.',
  'Nora stops next to Ravi and they talk under the shelter.',
].join('\n');

export function renderRuns(main) {
  const table = h('tbody');
  const message = h('p', { class: 'error' });
  const policy = h('select', { name: 'policy' });
  const form = h(
    'form',
    { class: 'new-run', onsubmit: (event) => start(event) },
    h('label', {}, 'Script (one prompt per line, or JSONL / YAML)'),
    h('textarea', { name: 'text' }, example),
    h(
      'div',
      { class: 'fields' },
      h('label', {}, 'Policy ', policy),
      h(
        'label',
        {},
        'Seconds per prompt ',
        h('input', { name: 'seconds', type: 'number', value: 4, min: 1, max: 60, style: 'width:60px' }),
      ),
      h(
        'label',
        {},
        'Seed ',
        h('input', { name: 'seed', type: 'number', value: 1, min: 0, style: 'width:70px' }),
      ),
      h(
        'label',
        {},
        'Size ',
        h(
          'select',
          { name: 'size' },
          h('option', {}, '320x180'),
          h('option', {}, '480x270'),
          h('option', {}, '640x360'),
        ),
      ),
      h('button', { type: 'submit', id: 'start-run' }, 'Start run'),
    ),
    message,
  );
  main.append(
    h('section', { class: 'card' }, h('h2', {}, 'New run'), form),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Runs'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'Run',
              'Created',
              'Status',
              'Policy',
              'Script',
              'Prompts',
              'Size',
              'Progress',
              'Total',
              'Quality',
              'Temporal',
              'Instruction',
            ].map((t) => h('th', {}, t)),
          ),
        ),
        table,
      ),
    ),
  );

  api('/api/policies').then(({ policies }) => {
    for (const p of policies)
      policy.append(h('option', { value: p.name, selected: p.name === 'iamflow' }, p.name));
  });

  async function start(event) {
    event.preventDefault();
    const data = new FormData(form);
    const [width, height] = String(data.get('size')).split('x').map(Number);
    const seconds = Number(data.get('seconds'));
    const lines = String(data.get('text'))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const structured = lines[0]?.startsWith('{') || lines[0]?.includes(':');
    const body = {
      ...(structured
        ? {
            script: {
              text: String(data.get('text')),
              name: lines[0].startsWith('{') ? 'script.jsonl' : 'script.yaml',
            },
          }
        : { segments: lines.map((prompt) => ({ prompt, seconds })) }),
      policy: data.get('policy'),
      seed: Number(data.get('seed')),
      size: { width, height },
    };
    try {
      const startedAt = performance.now();
      const { run } = await api('/api/runs', { method: 'POST', body: JSON.stringify(body) });
      sessionStorage.setItem(`iamflow-start-${run.id}`, String(startedAt));
      sessionStorage.setItem(`iamflow-posted-${run.id}`, String(performance.now()));
      location.hash = `#/runs/${run.id}`;
    } catch (error) {
      message.textContent = error.message;
    }
  }

  async function refresh() {
    const { runs } = await api('/api/runs').catch(() => ({ runs: [] }));
    table.replaceChildren(
      ...runs.map((run) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/runs/${run.id}` }, run.id)),
          h('td', {}, new Date(run.createdAt).toLocaleTimeString()),
          h('td', {}, h('span', { class: `status ${run.status}` }, run.status)),
          h('td', {}, run.policy),
          h('td', {}, run.scriptId),
          h('td', { class: 'num' }, run.prompts),
          h('td', {}, `${run.width}x${run.height}`),
          h('td', {}, run.progress ? `${run.progress.chunksDone}/${run.progress.totalChunks}` : ''),
          ...['total', 'quality', 'temporal', 'instruction'].map((key) =>
            h('td', { class: 'num' }, fmt(run.scores?.[key])),
          ),
        ),
      ),
    );
  }
  refresh();
  const timer = setInterval(refresh, 2000);
  return () => clearInterval(timer);
}
