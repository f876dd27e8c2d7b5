import type { MemoryEventOf, MemoryEventSink } from '../memory-event.js';

/** Where a frame came from when it was archived: the chunk just made, or the chunk leaving the local window. */
export type ArchiveSource = MemoryEventOf<'frame-archive'>['via'];

/**
 * Every memory decision of the IAMFlow policy, as recorded in run.json (`memoryEvents`): the members of the typed
 * memory event union that the policy emits. `chunk` is the chunk at whose end (or, for segment events, before whose
 * start) the decision was made.
 */
export type IamflowEvent = MemoryEventOf<
  | 'entity-extract'
  | 'memory-set'
  | 'memory-append'
  | 'memory-replace'
  | 'memory-keep'
  | 'memory-reselect'
  | 'frame-archive'
  | 'chunk-evict'
  | 'bank-set'
  | 'frame-drop'
  | 'attribute-correction'
  | 'verify-end'
  | 'verify-timeout'
  | 'verify-late'
  | 'verify-backpressure'
  | 'reference-encode'
>;

/** The one place the policy's events leave it. */
export function createIamflowEmitter(sink: MemoryEventSink): (event: IamflowEvent) => void {
  return (event) => sink(event);
}
