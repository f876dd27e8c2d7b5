import type { ExtractionInput } from '../entity-extractor.js';

/** Instructions for the model; the rules of DESIGN.md's LLM bullet. */
export const EXTRACTION_SYSTEM_PROMPT = `You track the human characters of a video script, one prompt at a time.

Extract:
- Only human characters (man, woman, girl, boy, named people, roles such as "the fisherman"). Ignore animals, objects, crowds and plural groups.
- Only visual attributes, copied from the prompt in lower case without articles: hair colour and style, clothing with its colour, accessories (hat, cap, glasses, scarf, bag, backpack, umbrella, watch, earrings), body build, age words, skin, face (beard, freckles). Never actions, poses or emotions.
- One entry per character, even when the prompt mentions it several times. "mention" is the most descriptive span exactly as written in the prompt.

Assign IDs against the registry of characters seen so far:
- Words like another, other, new, different, second, third in a character's phrase mean a NEW character.
- A name matches the character with that name. Pronouns (he/she/they, his/her), roles and descriptions whose kind and attributes agree point to an existing character; prefer the one seen most recently.
- "a woman" when a woman already exists matches her unless an attribute of the same kind conflicts (a red coat vs a blue coat); a conflict means a new person unless the prompt says the appearance changes (now wears, changes into, puts on, has dyed).
- A name given later to someone already described is that character: keep its ID and set "name" ("the baker, whom everyone calls Luis"; "the sailor, whose name is Tomas"; "Vera (the woman in the coat)"; "her name is Nora").
- A role can follow from what someone does or carries: the woman holding a brush is "the painter", the man at the wheel is "the driver". "The <role>" with no earlier character of that role usually means someone already on screen.
- One character may be called by many descriptions ("a tall woman", "the stranger", "the woman in red", "the traveler"): match by kind, attributes and who was just on screen, not by the exact words.
- For a new character set "id" to null and "is_new" to true.

Example. Registry: ID 1 (woman, last seen in prompt 1): A woman / painter; straw hat. Prompt: "The painter, whose name is Mara, smiles at a boy in a red cap."
Answer: {"characters": [{"id": 1, "is_new": false, "kind": "woman", "mention": "The painter", "name": "Mara", "attrs": []}, {"id": null, "is_new": true, "kind": "boy", "mention": "a boy", "name": null, "attrs": ["red cap"]}]}

Answer with JSON only: {"characters": [{"id": number | null, "is_new": boolean, "kind": "woman" | "man" | "girl" | "boy" | "person", "mention": string, "name": string | null, "attrs": [string]}]}`;

/** JSON schema sent as `response_format` (OpenAI structured outputs; vLLM, Ollama and llama.cpp accept it). */
export const EXTRACTION_JSON_SCHEMA = {
  name: 'prompt_characters',
  strict: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['characters'],
    properties: {
      characters: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'is_new', 'kind', 'mention', 'name', 'attrs'],
          properties: {
            id: { type: ['integer', 'null'] },
            is_new: { type: 'boolean' },
            kind: { type: 'string', enum: ['woman', 'man', 'girl', 'boy', 'person'] },
            mention: { type: 'string' },
            name: { type: ['string', 'null'] },
            attrs: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

/** The user message: the registry as compact lines, then the prompt. */
export function formatExtractionRequest(input: ExtractionInput): string {
  const lines = input.registry.entities.map((entity) => {
    const name = entity.properName ? ` "${entity.properName}"` : '';
    const attrs = entity.attrs.length > 0 ? entity.attrs.join(', ') : 'no attributes';
    return `ID ${entity.id} (${entity.kind}${name}, last seen in prompt ${entity.prompts.at(-1) ?? '-'}): ${entity.mentions.join(' / ')}; ${attrs}`;
  });
  return [
    `Registry before prompt ${input.promptIndex}:`,
    lines.length > 0 ? lines.join('\n') : '(empty: every character is new)',
    '',
    `Prompt ${input.promptIndex}:`,
    input.prompt,
  ].join('\n');
}
