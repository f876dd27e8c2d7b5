import { InputError } from '../errors/input-error.js';
import { detectScriptFormat, type ScriptFormat } from './detect-script-format.js';
import { createLocator, parseJson, parseYaml } from './parse-structured.js';
import type { Script } from './script.js';
import { toScriptIssues } from './script-issues.js';
import { scriptDefaults, scriptLimits } from './script-limits.js';
import { promptSchema, type ScriptObject, scriptObjectSchema } from './script-schema.js';

/** One script of a file, loaded or not. */
export interface ScriptEntry {
  /** 1-based file line where the script starts (every JSONL line; 1 for a whole-file format). */
  line: number;
  /** The script's id, when one could be read (even from an invalid line), for `--id` lookups. */
  id?: string;
  /** The script, when it is valid. */
  script?: Script;
  /** Why it is not, when it is not. */
  error?: InputError;
}

/** Options of `parseScriptText`. */
export interface ParseScriptOptions {
  /** The file's path as the user gave it: names the source and prefixes every issue. */
  path: string;
  /** The layout; detected from the path and text when omitted. */
  format?: ScriptFormat;
}

/** Every script a text holds, and an error per script that did not validate. */
export interface ScriptParseResult {
  /** The valid scripts, in file order. */
  scripts: Script[];
  /** One InputError per invalid script (or one for the whole file). */
  errors: InputError[];
}

/**
 * Parses and validates script text without touching the file system.
 *
 * @example
 * parseScriptText('A fox runs.\nIt stops.', { path: 'fox.txt' }).scripts[0]?.seconds // [10, 10]
 */
export function parseScriptText(text: string, options: ParseScriptOptions): ScriptParseResult {
  const entries = parseScriptEntries(text, options);
  return {
    scripts: entries.flatMap((entry) => (entry.script ? [entry.script] : [])),
    errors: entries.flatMap((entry) => (entry.error ? [entry.error] : [])),
  };
}

/** Like `parseScriptText`, keeping the line and id of every script, valid or not (for `--line` / `--id`). */
export function parseScriptEntries(text: string, options: ParseScriptOptions): ScriptEntry[] {
  const { path } = options;
  if (text.trim().length === 0) {
    const issue = {
      code: 'empty-file',
      path: [path],
      message: 'the file is empty',
      hint: 'write one prompt per line, or see docs/scripts.md',
    };
    return [{ line: 1, error: new InputError([issue]) }];
  }
  const format = options.format ?? detectScriptFormat(path, text);
  const stem =
    path
      .split(/[\\/]/)
      .pop()!
      .replace(/\.[^.]*$/, '') || 'script';
  if (format === 'text') return [parsePlainText(text, path, stem)];
  if (format === 'jsonl') return parseJsonLines(text, path, stem);
  const parsed = format === 'json' ? parseJson(text, { path }) : parseYaml(text, { path });
  if (!parsed.success) {
    const hint =
      format === 'json' && /^\s*\{.*\}\s*\n\s*\{/.test(text)
        ? { hint: 'this looks like one script per line: name the file .jsonl' }
        : {};
    return [{ line: 1, error: new InputError([{ ...parsed.issue, ...hint }]) }];
  }
  return [
    validate(parsed.value, { path, line: 1, fallbackId: stem, prefix: [path], locate: createLocator(text) }),
  ];
}

function parseJsonLines(text: string, path: string, stem: string): ScriptEntry[] {
  const entries: ScriptEntry[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim().length === 0) return;
    const parsed = parseJson(raw, { path, firstLine: line });
    if (!parsed.success) {
      entries.push({ line, error: new InputError([parsed.issue]) });
      return;
    }
    const entry = validate(parsed.value, {
      path,
      line,
      fallbackId: `${stem}-${line}`,
      perLine: true,
      prefix: [path, `line ${line}`],
    });
    const earlier = entry.id === undefined ? undefined : seen.get(entry.id);
    if (entry.script && earlier !== undefined) {
      const issue = {
        code: 'duplicate-id',
        path: [path, `line ${line}`, 'id'],
        message: `"${entry.id}" is already the id of the script on line ${earlier}`,
        hint: 'give every script a unique id',
      };
      entries.push({ line, id: entry.id!, error: new InputError([issue]) });
      return;
    }
    if (entry.id !== undefined) seen.set(entry.id, line);
    entries.push(entry);
  });
  return entries;
}

function parsePlainText(text: string, path: string, stem: string): ScriptEntry {
  const prompts: string[] = [];
  const issues = [];
  const header: Pick<ScriptObject, 'references' | 'startImage'> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) continue;
    const directive = parseDirective(line);
    if (directive) {
      if ('issue' in directive) issues.push({ ...directive.issue, path: [path, `line ${index + 1}`] });
      else if (directive.startImage) header.startImage = directive.startImage;
      else if (directive.reference) {
        header.references = { ...header.references, [directive.reference.key]: directive.reference.value };
      }
      continue;
    }
    const result = promptSchema.safeParse(line, { reportInput: true });
    if (!result.success) {
      // Re-rooted at prompts.N so codes and ordinals match the structured formats.
      const rooted = result.error.issues.map((issue) => ({
        ...issue,
        path: ['prompts', prompts.length, ...issue.path],
      }));
      issues.push(...toScriptIssues(rooted, [path, `line ${index + 1}`]));
    }
    prompts.push(line);
  }
  if (prompts.length === 0) {
    issues.push({
      code: 'no-prompts',
      path: [path],
      message: 'the file holds only comments and blank lines',
      hint: 'write one prompt per line',
    });
  } else if (prompts.length > scriptLimits.maxPrompts) {
    issues.push({
      code: 'too-many-prompts',
      path: [path],
      message: `the file holds ${prompts.length} prompts; the limit is ${scriptLimits.maxPrompts}`,
      hint: 'split the story into several scripts',
    });
  }
  if (issues.length > 0) return { line: 1, id: stem, error: new InputError(issues) };
  return { line: 1, id: stem, script: toScript({ prompts, ...header }, { path, line: 1, fallbackId: stem }) };
}

type Directive =
  | { startImage: string; reference?: undefined }
  | {
      startImage?: undefined;
      reference: { key: string; value: { image: string; name: string; description?: string } };
    }
  | { issue: { code: string; message: string; hint: string } };

/**
 * Header lines of the text format: `@start-image PATH` and `@reference PATH NAME[, DESCRIPTION]` (the key is the
 * name in lower case). Other lines are prompts.
 */
function parseDirective(line: string): Directive | undefined {
  const match = /^@(start-image|reference)(?:\s+(.*))?$/.exec(line);
  if (!match) return undefined;
  const rest = (match[2] ?? '').trim();
  if (match[1] === 'start-image') {
    if (rest.length > 0) return { startImage: rest };
    return {
      issue: {
        code: 'invalid-directive',
        message: '@start-image needs a path',
        hint: 'write @start-image opening.png',
      },
    };
  }
  const reference = /^(\S+)\s+([^,]+?)\s*(?:,\s*(.+))?$/.exec(rest);
  if (!reference) {
    return {
      issue: {
        code: 'invalid-directive',
        message: '@reference needs an image path and a name',
        hint: 'write @reference nora.png Nora, a woman with red hair',
      },
    };
  }
  const [, image, name, description] = reference as unknown as [string, string, string, string | undefined];
  return {
    reference: {
      key: name.toLowerCase(),
      value: { image, name, ...(description ? { description } : {}) },
    },
  };
}

interface ValidateContext {
  path: string;
  line: number;
  fallbackId: string;
  /** Whether the script is one line of a multi-script file (JSONL), so `source.line` is meaningful. */
  perLine?: boolean;
  prefix: (string | number)[];
  locate?: (path: readonly (string | number)[]) => number | undefined;
}

function validate(value: unknown, context: ValidateContext): ScriptEntry {
  const rawId = (value as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).trim() : undefined;
  const result = scriptObjectSchema.safeParse(value, { reportInput: true });
  const withId = id ? { id } : {};
  if (!result.success) {
    const issues = toScriptIssues(result.error.issues, context.prefix, context.locate);
    return { line: context.line, ...withId, error: new InputError(issues) };
  }
  const script = toScript(result.data, context);
  return { line: context.line, id: script.id, script };
}

function toScript(value: ScriptObject, context: Omit<ValidateContext, 'prefix'>): Script {
  const prompts = (value.prompts ?? value.segments?.map((segment) => segment.prompt) ?? []).map((p) =>
    p.trim(),
  );
  const secondsAt = (index: number) =>
    value.segments?.[index]?.seconds ??
    (Array.isArray(value.seconds) ? value.seconds[index] : value.seconds) ??
    scriptDefaults.secondsPerPrompt;
  const script: Script = {
    id: value.id ?? context.fallbackId,
    fps: value.fps ?? scriptDefaults.fps,
    prompts,
    seconds: prompts.map((_, index) => secondsAt(index)!),
    source: context.perLine ? { path: context.path, line: context.line } : { path: context.path },
  };
  if (value.title !== undefined) script.title = value.title;
  if (value.references) {
    script.references = Object.fromEntries(
      Object.entries(value.references).map(([key, reference]) => [
        key,
        {
          image: reference.image,
          name: reference.name ?? key,
          ...(reference.description ? { description: reference.description } : {}),
        },
      ]),
    );
  }
  if (value.startImage !== undefined) script.startImage = value.startImage;
  if (value.dimension !== undefined) script.dimension = value.dimension;
  if (value.characters && value.present) {
    const characters: NonNullable<Script['annotations']>['characters'] = {};
    for (const [key, character] of Object.entries(value.characters)) {
      characters[key] = {
        aliases: character.aliases,
        attrs: character.attrs,
        ...(character.changes ? { changes: character.changes } : {}),
      };
    }
    script.annotations = { characters, present: value.present };
  }
  return script;
}
