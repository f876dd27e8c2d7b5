import type { VerifyInput } from '../frame-verifier.js';

/** System message of the vision verifier. */
export const VERIFY_SYSTEM_PROMPT = `You check frames of a generated video against the characters the script says are on screen.
For each frame, give a score from 0 to 1: how clearly it shows every listed character with the listed look
(hair colour, clothing colours, accessories), 1 = all present and exactly as described, 0 = none recognisable.
Also list, per frame, the IDs of the characters you can recognise.
When asked for corrections: for a character that is clearly present but shows a different colour for an attribute
than listed, give the attribute as seen (e.g. "green coat" for a listed "red coat"). Only visual attributes.
Answer with JSON only: {"scores": [number, ...], "seen": [[id, ...], ...], "corrections": [{"id": number, "attrs": [string, ...]}]}`;

/** The user message text: the characters and what is asked. */
export function formatVerifyRequest(input: VerifyInput): string {
  const characters = input.entities.map((entity) => ({
    id: entity.id,
    name: entity.name,
    attrs: entity.attrs,
  }));
  const registered = (input.registered ?? input.entities).map((entity) => ({
    id: entity.id,
    name: entity.name,
    attrs: entity.attrs,
  }));
  return [
    ...(input.prompt !== undefined ? [`The video prompt is: ${JSON.stringify(input.prompt)}`] : []),
    `Characters: ${JSON.stringify(characters)}`,
    `Frames: ${input.frames.length}, in order.`,
    input.firstChunkOfSegment
      ? `Also verify these registered characters' attributes against the frames: ${JSON.stringify(registered)}\nGive corrections (the full attribute list as seen) when the pixels contradict an attribute.`
      : 'Give no corrections.',
  ].join('\n');
}
