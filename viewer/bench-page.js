import { withToken } from './api.js';
import { h } from './dom.js';

export function renderBench(main, path) {
  const input = h('input', {
    name: 'path',
    value: path,
    placeholder: 'bench/results/narrastream-324 (inside --data)',
    style: 'width:420px',
  });
  main.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Bench results'),
      h(
        'form',
        {
          onsubmit: (event) => {
            event.preventDefault();
            location.hash = `#/bench?path=${encodeURIComponent(input.value)}`;
          },
        },
        'Results folder ',
        input,
        ' ',
        h('button', { type: 'submit' }, 'Show'),
      ),
      h(
        'p',
        { class: 'muted' },
        'The report of a folder written by `iamflow bench --out DIR`: tables and charts comparing policies.',
      ),
    ),
  );
  if (path)
    main.append(
      h('iframe', {
        class: 'report',
        src: withToken(`/bench/report?path=${encodeURIComponent(path)}`),
        title: 'bench report',
      }),
    );
}
