import { h } from './dom.js';

// Each global ID is a lane: the prompts that mention it (with the mention that named it), where it is on screen
// (from the render record, once the run is done), its attributes as verified, corrections and archived frames.
const colors = ['#2f6fdf', '#d9480f', '#2b8a3e', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5c940d'];

export function collectEntities(memory) {
  const lanes = new Map();
  const lane = (id) => {
    if (!lanes.has(id))
      lanes.set(id, { id, names: [], mentions: [], corrections: [], archived: [], attrs: [] });
    return lanes.get(id);
  };
  for (const event of memory) {
    if (event.type === 'entity-extract') {
      for (const entity of event.entities) {
        const l = lane(entity.id);
        l.mentions.push({
          segment: event.segment,
          chunk: event.chunk,
          mention: entity.mention,
          attrs: entity.attrs,
          isNew: entity.isNew,
        });
        if (!l.names.includes(entity.mention)) l.names.push(entity.mention);
        if (entity.attrs.length) l.attrs = entity.attrs;
      }
    } else if (event.type === 'attribute-correction') {
      const l = lane(event.id);
      l.corrections.push(event);
      l.attrs = event.after;
    } else if (event.type === 'frame-archive') {
      for (const id of event.entities)
        lane(id).archived.push({ chunk: event.sourceChunk, frame: event.frame, score: event.score });
    }
  }
  return [...lanes.values()].sort((a, b) => a.id - b.id);
}

// The box of the figure a mention named, in the middle frame of the segment (render record), as fractions.
function screenBox(render, segment, mention, geometry) {
  if (!render || !mention) return null;
  const mid = Math.floor(((segment.startFrame + segment.endFrame) / 2) * geometry.videoFramesPerLatent);
  const entry = render[Math.min(mid, render.length - 1)];
  const words = mention.toLowerCase().split(/\s+/);
  const figure = entry?.figures.find(
    (f) =>
      f.mention &&
      (f.mention.toLowerCase() === mention.toLowerCase() ||
        words.includes(f.mention.toLowerCase()) ||
        f.mention.toLowerCase().includes(words.at(-1))),
  );
  if (!figure) return null;
  const [x, y, w, hgt] = figure.box;
  return { x: x / geometry.width, y: y / geometry.height, w: w / geometry.width, h: hgt / geometry.height };
}

export function renderEntityTimeline(container, data) {
  const lanes = collectEntities(data.memory);
  const total = Math.max(1, data.totalChunks);
  const left = 190;
  const width = 960;
  const laneHeight = 52;
  const top = 34;
  const x = (chunk) => left + ((width - left - 10) * chunk) / total;
  const svg = h('svg', {
    width,
    height: top + Math.max(1, lanes.length) * laneHeight + 10,
    class: 'entity-timeline',
  });
  // Prompt spans along the top; inserted prompts in orange.
  const inserted = new Set(
    (data.edits ?? []).filter((e) => e.kind === 'insert').map((e) => `${e.segment}:${e.text}`),
  );
  for (const segment of data.segments) {
    const mark = inserted.has(`${segment.index}:${segment.prompt}`);
    svg.append(
      h(
        'rect',
        {
          x: x(segment.startChunk),
          y: 4,
          width: Math.max(1, x(segment.endChunk) - x(segment.startChunk) - 1),
          height: 16,
          fill: mark ? '#ffd8a8' : '#e9ecef',
          class: mark ? 'inserted-span' : '',
        },
        h('title', {}, segment.prompt),
      ),
      h('text', { x: x(segment.startChunk) + 3, y: 16 }, `P${segment.index + 1}${mark ? ' (inserted)' : ''}`),
      h('line', {
        x1: x(segment.startChunk),
        x2: x(segment.startChunk),
        y1: 4,
        y2: top + lanes.length * laneHeight,
        stroke: '#ced4da',
      }),
    );
  }
  svg.append(h('text', { x: 4, y: 16, fill: '#66707c' }, 'prompts / chunks'));
  lanes.forEach((lane, i) => {
    const y = top + i * laneHeight;
    const color = colors[i % colors.length];
    svg.append(
      h('rect', { x: 0, y, width, height: laneHeight - 4, fill: i % 2 ? '#fafbfc' : '#fff' }),
      h(
        'text',
        { x: 4, y: y + 14, 'font-weight': 600, fill: color },
        `ID ${lane.id} · ${lane.names[0] ?? ''}`,
      ),
      h('text', { x: 4, y: y + 28, fill: '#444' }, (lane.attrs.join(', ') || 'no attributes').slice(0, 34)),
      lane.names.length > 1
        ? h('text', { x: 4, y: y + 41, fill: '#888' }, `also: ${lane.names.slice(1).join(', ')}`.slice(0, 34))
        : null,
    );
    for (const mention of lane.mentions) {
      const segment = data.segments[mention.segment];
      if (!segment) continue;
      const x0 = x(segment.startChunk);
      const x1 = x(segment.endChunk) - 1;
      svg.append(
        h(
          'rect',
          {
            x: x0,
            y: y + 4,
            width: Math.max(2, x1 - x0),
            height: 20,
            rx: 3,
            fill: color,
            'fill-opacity': mention.isNew ? 0.85 : 0.45,
            class: 'mention',
          },
          h(
            'title',
            {},
            `"${mention.mention}" in prompt ${mention.segment + 1}: ${mention.attrs.join(', ')}`,
          ),
        ),
        h(
          'text',
          { x: x0 + 4, y: y + 18, fill: '#fff' },
          mention.mention.slice(0, Math.max(3, Math.floor((x1 - x0) / 6))),
        ),
      );
      const box = screenBox(data.render, segment, mention.mention, data);
      if (box && x1 - x0 > 40) {
        const sw = 32;
        const sh = 18;
        const sx = x1 - sw - 2;
        svg.append(
          h(
            'rect',
            { x: sx, y: y + 26, width: sw, height: sh, fill: '#222', class: 'screen' },
            h('title', {}, 'where on screen (render record, middle frame)'),
          ),
          h('rect', {
            x: sx + box.x * sw,
            y: y + 26 + box.y * sh,
            width: Math.max(2, box.w * sw),
            height: Math.max(2, box.h * sh),
            fill: color,
          }),
        );
      }
    }
    for (const archived of lane.archived) {
      svg.append(
        h(
          'circle',
          { cx: x(archived.chunk + 0.5), cy: y + 34, r: 3, fill: '#495057' },
          h('title', {}, `frame ${archived.frame} archived (score ${archived.score.toFixed(2)})`),
        ),
      );
    }
    for (const correction of lane.corrections) {
      const cx = x(correction.chunk + 0.5);
      svg.append(
        h(
          'polygon',
          {
            points: `${cx - 5},${y + 46} ${cx + 5},${y + 46} ${cx},${y + 37}`,
            fill: '#e03131',
            class: 'correction',
          },
          h(
            'title',
            {},
            `corrected at chunk ${correction.chunk}: ${correction.before.join(', ')} → ${correction.after.join(', ')}`,
          ),
        ),
      );
    }
  });
  svg.append(
    h('line', {
      x1: x(data.chunk + 1),
      x2: x(data.chunk + 1),
      y1: 2,
      y2: top + lanes.length * laneHeight,
      stroke: '#e03131',
      'stroke-width': 2,
      class: 'now',
    }),
  );
  container.replaceChildren(
    lanes.length
      ? svg
      : h(
          'p',
          { class: 'muted' },
          'no entities yet (the iamflow policy reports them; baselines do not extract entities)',
        ),
    h(
      'p',
      { class: 'muted' },
      'Bars: prompts that mention the ID (dark: new ID); small screens: where the named figure is drawn; dots: archived frames covering it; red triangles: attribute corrections by the verifier.',
    ),
  );
}
