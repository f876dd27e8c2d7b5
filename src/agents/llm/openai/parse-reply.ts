import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind } from '../../../entities/registry.js';
import { normalizeAttribute } from '../../../entities/registry-vocabulary.js';
import { InvalidResponseError } from '../../../errors/invalid-response-error.js';
import type {
  ExtractedCharacter,
  ExtractionInput,
  ExtractionResult,
  ExtractionSpan,
  ExtractionWarning,
} from '../entity-extractor.js';

const chatResponseSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1),
});

const replySchema = z.object({
  characters: z.array(
    z.object({
      id: z.number().int().nullish().catch(null),
      is_new: z.boolean().nullish().catch(null),
      kind: z.string().nullish().catch(null),
      mention: z.string().min(1),
      name: z.string().nullish().catch(null),
      attrs: z.array(z.string()).nullish().catch([]),
    }),
  ),
});

/** Reads the content of a chat completion body; throws `InvalidResponseError` when it is not one. */
export function readChatContent(body: unknown, raw: string): string {
  const parsed = chatResponseSchema.safeParse(body);
  const content = parsed.success ? parsed.data.choices[0]!.message.content : undefined;
  if (!content)
    throw new InvalidResponseError({ message: 'reply has no choices[0].message.content', text: raw });
  return content;
}

/** Parses the model's JSON and turns it into a checked result: IDs verified, new IDs numbered, spans located. */
export function parseExtractionReply(content: string, input: ExtractionInput): ExtractionResult {
  const json = parseJson(content);
  const reply = replySchema.safeParse(json);
  if (!reply.success) {
    const first = reply.error.issues[0];
    const where = first ? `${first.path.join('.')}: ${first.message}` : 'unexpected shape';
    throw new InvalidResponseError({ message: `reply JSON lacks needed fields (${where})`, text: content });
  }
  const warnings: ExtractionWarning[] = [];
  const used = new Set<number>();
  let nextId = input.registry.nextId;
  const characters: ExtractedCharacter[] = [];
  const spans: ExtractionSpan[] = [];
  for (const item of reply.data.characters) {
    const known = item.id != null && input.registry.entities.some((entity) => entity.id === item.id);
    const existing = known && item.is_new !== true && !used.has(item.id!);
    if (item.id != null && !existing && item.is_new !== true) {
      warnings.push({
        type: 'other',
        message: `model gave unknown or repeated ID ${item.id}; assigned a new one`,
      });
    }
    const id = existing ? item.id! : nextId++;
    used.add(id);
    const kind = (ENTITY_KINDS as readonly string[]).includes(item.kind ?? '')
      ? (item.kind as EntityKind)
      : 'person';
    const attrs = [
      ...new Set((item.attrs ?? []).map(normalizeAttribute).filter((attribute) => attribute.length > 0)),
    ];
    const character: ExtractedCharacter = { id, isNew: !existing, kind, mention: item.mention, attrs };
    if (item.name) character.properName = item.name;
    characters.push(character);
    const texts: Array<[ExtractionSpan['role'], string]> = [
      ['mention', item.mention],
      ...attrs.map((attribute): [ExtractionSpan['role'], string] => ['attribute', attribute]),
    ];
    for (const [role, text] of texts) {
      const start = input.prompt.toLowerCase().indexOf(text.toLowerCase());
      if (start < 0) warnings.push({ type: 'other', message: `"${text}" not found in the prompt; no span` });
      else
        spans.push({
          id,
          role,
          start,
          end: start + text.length,
          text: input.prompt.slice(start, start + text.length),
        });
    }
  }
  spans.sort((first, second) => first.start - second.start || first.end - second.end);
  return { promptIndex: input.promptIndex, characters, spans, ...(warnings.length > 0 ? { warnings } : {}) };
}

function parseJson(content: string): unknown {
  const unfenced = content.replace(/```(?:json)?/g, '').trim();
  const start = unfenced.indexOf('{');
  const end = unfenced.lastIndexOf('}');
  try {
    return JSON.parse(start >= 0 && end > start ? unfenced.slice(start, end + 1) : unfenced);
  } catch (error) {
    throw new InvalidResponseError({ message: 'reply is not valid JSON', text: content, cause: error });
  }
}
