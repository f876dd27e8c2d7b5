import { token } from './api.js';
import { renderBench } from './bench-page.js';
import { renderRun } from './run-page.js';
import { renderRuns } from './runs-page.js';

const main = document.getElementById('main');
let leave = () => {};

function route() {
  leave();
  leave = () => {};
  main.replaceChildren();
  document.getElementById('token-state').textContent = token() ? 'token set' : 'no token: read-only';
  const hash = location.hash.replace(/^#/, '') || '/';
  const run = /^\/runs\/([0-9A-Za-z-]+)/.exec(hash);
  if (run) leave = renderRun(main, run[1]) ?? (() => {});
  else if (hash.startsWith('/bench'))
    renderBench(main, new URLSearchParams(hash.split('?')[1] ?? '').get('path') ?? '');
  else leave = renderRuns(main) ?? (() => {});
}

window.addEventListener('hashchange', route);
route();
