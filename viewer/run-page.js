import { api, withToken } from './api.js';
import { h } from './dom.js';
import { renderEntityTimeline } from './entity-timeline.js';
import { createFrameSource, renderMemoryView } from './memory-view.js';
import { renderKeyframes, renderScores } from './run-outputs.js';

const terminal = ['done', 'failed', 'cancelled', 'interrupted'];

export function renderRun(main, id) {
  const state = {
    id,
    run: null,
    plan: null,
    segment: 0,
    chunk: 0,
    chunksDone: 0,
    memory: [],
    runJson: null,
    render: null,
    edits: [],
    memoryChunk: null,
  };
  const frames = new Map();
  const startedAt = Number(sessionStorage.getItem(`iamflow-start-${id}`)) || null;
  let firstShown = null;

  const status = h('span', { class: 'status' });
  const info = h('span', { class: 'muted' });
  const bar = h('div');
  const img = h('img', { alt: 'live frames', id: 'live-frame' });
  const overlay = h('div', { class: 'overlay' });
  const player = h('div', { class: 'player', id: 'player' }, img, overlay);
  const latency = h('div', { class: 'muted', id: 'first-frame' });
  const scriptList = h('ol', { class: 'script', id: 'script' });
  const insertInput = h('input', {
    id: 'insert-text',
    placeholder: 'A new prompt: it starts at the next chunk',
  });
  const editorMessage = h('div', { class: 'error' });
  const editor = h(
    'div',
    {},
    h(
      'form',
      {
        class: 'editor',
        onsubmit: (event) => {
          event.preventDefault();
          insert();
        },
      },
      insertInput,
      h('button', { type: 'submit', id: 'insert-button' }, 'Insert at next chunk'),
    ),
    editorMessage,
  );
  const cancel = h(
    'button',
    {
      class: 'secondary',
      onclick: () => api(`/api/runs/${id}`, { method: 'DELETE' }).catch((e) => alert(e.message)),
    },
    'Cancel run',
  );
  const timeline = h('div', { id: 'entity-timeline' });
  const memory = h('div', { id: 'memory-view' });
  const keyframes = h('div', { class: 'keyframes' });
  const scores = h('div');
  const tabsBody = h('div');
  const tabs = {};
  const showTab = (name) => {
    for (const [key, button] of Object.entries(tabs)) button.classList.toggle('active', key === name);
    tabsBody.replaceChildren({ timeline, memory, keyframes, scores }[name]);
    state.tab = name;
    redraw();
  };
  for (const [key, label] of [
    ['timeline', 'Entity timeline'],
    ['memory', 'Memory view'],
    ['keyframes', 'Keyframes'],
    ['scores', 'Scores'],
  ]) {
    tabs[key] = h('button', { class: 'secondary', id: `tab-${key}`, onclick: () => showTab(key) }, label);
  }

  main.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Run ', id, ' ', status, ' ', cancel),
      info,
      h('div', { class: 'progress' }, bar),
    ),
    h(
      'div',
      { class: 'row' },
      h('section', { class: 'card' }, h('h2', {}, 'Player'), player, latency),
      h(
        'section',
        { class: 'card', style: 'flex:1;min-width:420px' },
        h('h2', {}, 'Script'),
        scriptList,
        editor,
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('div', { class: 'tabs' }, Object.values(tabs)),
      h('div', { style: 'margin-top:8px' }, tabsBody),
    ),
  );
  const frameSource = createFrameSource(frames, () => state);

  img.addEventListener('load', () => {
    if (firstShown !== null) return;
    firstShown = performance.now();
    if (startedAt) {
      const ms = Math.round(firstShown - startedAt);
      player.dataset.firstFrameMs = String(ms);
      latency.textContent = `first frame on screen ${ms} ms after the run was started`;
    }
  });

  function segments() {
    return state.runJson?.timeline.segments ?? state.plan?.segments ?? [];
  }
  function geometry() {
    const t = state.runJson?.timeline;
    return {
      fps: t?.fps ?? state.plan?.fps ?? 16,
      videoFramesPerLatent: t?.videoFramesPerLatent ?? state.plan?.videoFramesPerLatent ?? 4,
      chunkFrames: t?.chunkFrames ?? state.plan?.chunkFrames ?? 3,
      totalChunks: t?.totalChunks ?? state.plan?.totalChunks ?? 0,
      sinkFrames: state.runJson?.engine.info.sinkFrames ?? state.plan?.sinkFrames ?? 3,
      localFrames: state.runJson?.engine.info.localFrames ?? state.plan?.localFrames ?? 9,
      width: state.run?.width ?? 480,
      height: state.run?.height ?? 270,
    };
  }

  function renderScript() {
    const live = state.run && !terminal.includes(state.run.status);
    const inserted = new Set(
      state.edits.filter((e) => e.kind === 'insert').map((e) => `${e.segment}:${e.text}`),
    );
    scriptList.replaceChildren(
      ...segments().map((s) => {
        const now = s.index === state.segment;
        const upcoming = live && s.startChunk > state.chunksDone;
        const item = h(
          'li',
          {
            class: [
              now ? 'now' : '',
              s.index < state.segment ? 'done' : '',
              inserted.has(`${s.index}:${s.prompt}`) ? 'inserted' : '',
            ]
              .join(' ')
              .trim(),
            dataset: { segment: s.index },
          },
          s.prompt,
          h('span', { class: 'span' }, `chunks ${s.startChunk}–${s.endChunk - 1}`),
          upcoming
            ? h(
                'button',
                {
                  class: 'secondary',
                  style: 'margin-left:6px;padding:0 6px',
                  onclick: () => editSegment(item, s),
                },
                'edit',
              )
            : null,
        );
        return item;
      }),
    );
    editor.style.display = live ? '' : 'none';
    cancel.style.display = live ? '' : 'none';
  }

  function editSegment(item, segment) {
    const input = h('input', { value: segment.prompt, style: 'width:80%' });
    item.replaceChildren(
      input,
      h('button', { onclick: () => change({ edit: { segment: segment.index, text: input.value } }) }, 'save'),
    );
    input.focus();
  }

  async function change(body) {
    editorMessage.textContent = '';
    try {
      await api(`/api/runs/${id}/prompts`, { method: 'POST', body: JSON.stringify(body) });
    } catch (error) {
      editorMessage.textContent = error.message;
    }
  }
  async function insert() {
    if (!insertInput.value.trim()) return;
    await change({ insert: { text: insertInput.value } });
    insertInput.value = '';
  }

  function renderHeader() {
    if (!state.run) return;
    status.textContent = state.run.status;
    status.className = `status ${state.run.status}`;
    const g = geometry();
    info.textContent = `${state.run.policy} · seed ${state.run.seed} · ${state.run.width}x${state.run.height} · chunk ${state.chunksDone}/${g.totalChunks}`;
    bar.style.width = `${g.totalChunks ? (100 * state.chunksDone) / g.totalChunks : 0}%`;
  }

  let pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      renderHeader();
      renderScript();
      const g = geometry();
      const data = {
        segments: segments(),
        memory: state.memory,
        render: state.render,
        chunk: state.chunk,
        edits: state.edits,
        ...g,
      };
      if (state.tab === 'timeline') renderEntityTimeline(timeline, data);
      if (state.tab === 'memory') renderMemoryView(memory, data, frameSource, state);
      if (state.tab === 'scores') renderScores(scores, state);
      if (state.tab === 'keyframes') renderKeyframes(keyframes, state, segments());
    });
  }

  function showVideo() {
    const video = h('video', {
      controls: true,
      src: withToken(`/api/runs/${id}/files/video.mp4`),
      id: 'video',
    });
    player.replaceChildren(video, overlay);
    overlay.textContent = 'the finished video: play it to follow the script';
    state.segment = 0;
    state.chunk = 0;
    video.addEventListener('timeupdate', () => {
      const g = geometry();
      const chunk = Math.floor((video.currentTime * g.fps) / g.videoFramesPerLatent / g.chunkFrames);
      const segment = segments().find((s) => chunk >= s.startChunk && chunk < s.endChunk);
      if (segment && (segment.index !== state.segment || chunk !== state.chunk)) {
        state.segment = segment.index;
        state.chunk = chunk;
        overlay.textContent = `chunk ${chunk} · prompt ${segment.index + 1}`;
        redraw();
      }
    });
  }

  async function loadFinished() {
    const detail = await api(`/api/runs/${id}`);
    state.run = detail.run;
    state.runJson = detail.runJson;
    if (detail.runJson) {
      state.memory = detail.runJson.memoryEvents;
      state.edits = detail.runJson.edits ?? [];
      state.chunksDone = detail.runJson.timeline.totalChunks;
      if (!document.getElementById('video')) showVideo();
      if (detail.run.scores) {
        const answer = await fetch(withToken(`/api/runs/${id}/files/evaluation.json`));
        state.evaluation = answer.ok ? await answer.json() : null;
      }
      if (detail.runJson.outputs.renderRecord) {
        const text = await fetch(
          withToken(`/api/runs/${id}/files/${detail.runJson.outputs.renderRecord}`),
        ).then((r) => (r.ok ? r.text() : ''));
        state.render = text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line));
      }
    }
    redraw();
  }

  showTab('timeline');
  let source = null;
  api(`/api/runs/${id}`)
    .then((detail) => {
      state.run = detail.run;
      if (terminal.includes(detail.run.status)) return loadFinished();
      source = new EventSource(withToken(`/api/runs/${id}/stream`));
      // Where the first-frame time goes: POST answered, stream open, first frame event, on screen (ms after start).
      const since = (t) => String(Math.round(t - startedAt));
      const posted = Number(sessionStorage.getItem(`iamflow-posted-${id}`));
      if (startedAt && posted) player.dataset.postedMs = since(posted);
      source.addEventListener('open', () => {
        if (startedAt) player.dataset.streamOpenMs ??= since(performance.now());
      });
      const on = (type, handler) => source.addEventListener(type, (event) => handler(JSON.parse(event.data)));
      on('status', (event) => {
        state.run = { ...state.run, status: event.status };
        if (terminal.includes(event.status)) {
          source.close();
          setTimeout(loadFinished, 200);
        }
        redraw();
      });
      on('plan', (event) => {
        state.plan = event;
        state.edits = event.edits;
        redraw();
      });
      on('segment', (event) => {
        state.segment = event.segment;
        redraw();
      });
      on('chunk', (event) => {
        state.chunksDone = event.chunksDone;
        state.chunk = event.chunk;
        redraw();
      });
      on('memory', (event) => {
        state.memory.push(event.event);
        redraw();
      });
      on('frame', (event) => {
        if (startedAt) player.dataset.firstFrameEventMs ??= since(performance.now());
        const url = `data:image/jpeg;base64,${event.jpeg}`;
        frames.set(event.frame, url);
        img.src = url;
        // The frame's own prompt: frames may trail the loop, which may already have switched.
        const s = segments().find(
          (segment) => event.chunk >= segment.startChunk && event.chunk < segment.endChunk,
        );
        overlay.textContent = `frame ${event.frame} · chunk ${event.chunk} · ${s ? s.prompt : ''}`;
        player.dataset.frames = String(frames.size);
        player.dataset.lastChunk = String(event.chunk);
      });
      on('timing', (event) => {
        player.dataset.serverFirstFrameMs = String(Math.round(event.firstFrameMs));
      });
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) loadFinished();
      };
    })
    .catch((error) => main.append(h('p', { class: 'error' }, error.message)));

  return () => source?.close();
}
