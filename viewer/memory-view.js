import { h } from './dom.js';

// Thumbnails of video frames: from the live stream's cache, else seeked from the finished video.
export function createFrameSource(cache, getState) {
  let video = null;
  let queue = Promise.resolve();
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 90;
  const seeked = new Map();
  return (frame) => {
    if (cache.has(frame)) return Promise.resolve(cache.get(frame));
    if (seeked.has(frame)) return seeked.get(frame);
    const state = getState();
    if (!state.runJson) return Promise.resolve(null);
    const promise = queue.then(async () => {
      if (!video) {
        video = document.createElement('video');
        video.muted = true;
        video.src = document.getElementById('video')?.src ?? '';
        await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
      }
      video.currentTime = (frame + 0.5) / state.runJson.timeline.fps;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL('image/jpeg', 0.8);
    });
    queue = promise;
    seeked.set(frame, promise);
    return promise;
  };
}

function latest(memory, type, chunk) {
  let found = null;
  for (const event of memory) if (event.type === type && event.chunk <= chunk) found = event;
  return found;
}

function thumb(frames, latent, data, why) {
  const img = h('img', { alt: `latent ${latent}` });
  frames(latent * data.videoFramesPerLatent).then((url) => {
    if (url) img.src = url;
  });
  return h(
    'div',
    { class: 'thumb', dataset: { latent } },
    img,
    h('div', {}, `latent ${latent}`),
    why ? h('div', { class: 'why' }, why) : null,
  );
}

// The context the engine attended to when generating a chunk: sink | bank | local window, and why the bank held what it held.
export function renderMemoryView(container, data, frames, state) {
  const last = Math.max(0, (data.memory.length || data.totalChunks ? data.totalChunks : 1) - 1);
  if (state.memoryChunk === null || state.memoryChunk === undefined)
    state.memoryChunk = Math.min(data.chunk, last);
  const chunk = Math.min(state.memoryChunk, last);
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: last,
    value: chunk,
    id: 'memory-chunk',
    oninput: (event) => {
      state.memoryChunk = Number(event.target.value);
      renderMemoryView(container, data, frames, state);
    },
  });
  const end = (chunk + 1) * data.chunkFrames;
  const sink = Array.from({ length: Math.min(data.sinkFrames, end) }, (_, i) => i);
  const localStart = Math.max(data.sinkFrames, end - data.localFrames);
  const local = [];
  for (let f = localStart; f < end; f++) local.push(f);
  // The bank in force while this chunk was generated: set at an earlier chunk end or at this segment's start.
  const bank = latest(data.memory, 'bank-set', chunk - 1) ?? latest(data.memory, 'bank-set', chunk);
  const retrieve = latest(data.memory, 'memory-retrieve', chunk);
  const archive = new Map(data.memory.filter((e) => e.type === 'frame-archive').map((e) => [e.id, e]));
  const segment = data.segments.find((s) => chunk >= s.startChunk && chunk < s.endChunk);
  const bankThumbs = (bank?.ids ?? []).map((id, i) => {
    const archived = archive.get(id);
    const covers = retrieve?.coverage?.[id] ?? archived?.entities ?? [];
    const why = archived
      ? `IDs ${covers.join(', ') || '–'} · score ${archived.score.toFixed(2)} (text ${archived.textScore.toFixed(2)}, visual ${archived.visualScore === null ? '–' : archived.visualScore.toFixed(2)})`
      : `IDs ${covers.join(', ') || '–'}`;
    return thumb(frames, bank.frames[i], data, why);
  });
  container.replaceChildren(
    h(
      'div',
      {},
      'Chunk ',
      slider,
      ` ${chunk} `,
      h('span', { class: 'muted' }, segment ? `· prompt ${segment.index + 1}: ${segment.prompt}` : ''),
    ),
    h(
      'div',
      { class: 'memory' },
      h(
        'div',
        { class: 'group sink' },
        h('h3', {}, `sink (${sink.length})`),
        h('div', { class: 'muted' }, 'first chunk, kept for the whole video'),
        h(
          'div',
          { class: 'thumbs' },
          sink.map((f) => thumb(frames, f, data)),
        ),
      ),
      h(
        'div',
        { class: 'group bank', id: 'memory-bank' },
        h('h3', {}, `bank (${bankThumbs.length})`),
        h(
          'div',
          { class: 'muted' },
          bank
            ? `set at chunk ${bank.chunk}${bank.reason ? ` (${bank.reason})` : ''}`
            : 'empty (this policy keeps no bank yet)',
        ),
        retrieve
          ? h(
              'div',
              { class: 'muted' },
              `last retrieval, chunk ${retrieve.chunk}: ${retrieve.mode} memory for IDs ${retrieve.entityIds.join(', ') || '–'}, budget ${retrieve.budget} of ${retrieve.archiveSize} archived${retrieve.uncovered?.length ? `, uncovered then: ${retrieve.uncovered.join(', ')}` : ''}`,
            )
          : null,
        h('div', { class: 'thumbs' }, bankThumbs),
      ),
      h(
        'div',
        { class: 'group local' },
        h('h3', {}, `local window (${local.length})`),
        h('div', { class: 'muted' }, 'rolling, including this chunk'),
        h(
          'div',
          { class: 'thumbs' },
          local.map((f) => thumb(frames, f, data, f >= end - data.chunkFrames ? 'this chunk' : '')),
        ),
      ),
    ),
  );
}
