import { InputError } from '../errors/index.js';
import type { Timeline } from '../script/timeline.js';
import { type ChunkSegment, type PromptSource, timelineFromChunks } from './prompt-source.js';

/** One change a viewer made to the prompts while the run streamed. */
export interface PromptEdit {
  /** `insert`: a new prompt from `chunk` on; `edit`: an upcoming prompt's text replaced. */
  kind: 'insert' | 'edit';
  /** The chunk boundary at which it takes effect. */
  chunk: number;
  /** Index of the inserted or edited segment in the timeline after the change. */
  segment: number;
  /** The new prompt text. */
  text: string;
}

/** A prompt source a viewer edits while the loop streams. */
export interface LivePrompts extends PromptSource {
  /**
   * Starts `text` at the next chunk boundary. Inside a segment, it takes the rest of that segment (or `chunks`);
   * at a segment boundary it lasts `chunks` (default the timeline's 10 s). Later prompts move back accordingly.
   */
  insert(text: string, options?: { chunks?: number }): PromptEdit;
  /** Replaces the text of a segment that has not started yet. */
  edit(segment: number, text: string): PromptEdit;
  /** The planned timeline: what has been generated plus the upcoming prompts as edited. */
  timeline(): Timeline;
  /** The first chunk an edit can still change. */
  nextChunk(): number;
  /** Every change so far, in order. */
  edits(): PromptEdit[];
}

function refuse(code: string, message: string, hint: string): never {
  throw new InputError([{ code, path: ['prompts'], message, hint }]);
}

/**
 * Interactive prompts over a starting timeline. Each change applies to the planned timeline at once, at the first
 * chunk the loop has not asked for yet, so it never rewrites the past; the loop picks it up at its next boundary.
 *
 * @example
 * const live = createLivePrompts(timeline);
 * await generateVideo({ ...options, timeline, prompts: live });
 * live.insert('Ravi opens a red umbrella.'); // from another task, while the run streams
 */
export function createLivePrompts(start: Timeline, settings: { defaultSeconds?: number } = {}): LivePrompts {
  let planned = start;
  let next = 0;
  const history: PromptEdit[] = [];
  const latentPerChunk = start.chunkFrames;
  const defaultChunks = Math.max(
    1,
    Math.round(((settings.defaultSeconds ?? 10) * start.fps) / start.videoFramesPerLatent / latentPerChunk),
  );
  const items = (): ChunkSegment[] =>
    planned.segments.map((s) => ({ prompt: s.prompt, chunks: s.endChunk - s.startChunk }));
  const checkText = (text: string) => {
    if (text.trim().length === 0)
      refuse('empty-prompt', 'a prompt needs some text', 'type what happens next');
  };

  return {
    timelineAt(chunk) {
      next = Math.max(next, chunk + 1);
      return planned;
    },
    insert(text, options = {}) {
      checkText(text);
      const list = items();
      const at = planned.segments.findIndex((s) => s.startChunk < next && next < s.endChunk);
      let index: number;
      if (at >= 0) {
        const segment = planned.segments[at]!;
        const rest = segment.endChunk - next;
        list[at] = { prompt: segment.prompt, chunks: next - segment.startChunk };
        index = at + 1;
        list.splice(index, 0, { prompt: text, chunks: options.chunks ?? rest });
      } else {
        const found = planned.segments.findIndex((s) => s.startChunk >= next);
        index = found < 0 ? list.length : found;
        list.splice(index, 0, { prompt: text, chunks: options.chunks ?? defaultChunks });
      }
      planned = timelineFromChunks(start, list);
      const change: PromptEdit = { kind: 'insert', chunk: next, segment: index, text };
      history.push(change);
      return change;
    },
    edit(segment, text) {
      checkText(text);
      const target = planned.segments[segment];
      if (!target)
        refuse('unknown-segment', `there is no prompt ${segment}`, 'edit one of the listed prompts');
      if (target.startChunk < next) {
        refuse(
          'segment-started',
          `prompt ${segment} started at chunk ${target.startChunk}; the run is at chunk ${next}`,
          'insert a prompt instead to change what happens from the next chunk on',
        );
      }
      const list = items();
      list[segment] = { prompt: text, chunks: target.endChunk - target.startChunk };
      planned = timelineFromChunks(start, list);
      const change: PromptEdit = { kind: 'edit', chunk: target.startChunk, segment, text };
      history.push(change);
      return change;
    },
    timeline: () => planned,
    nextChunk: () => next,
    edits: () => history.map((change) => ({ ...change })),
  };
}
