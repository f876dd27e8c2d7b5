/** The script file layouts iamflow reads. */
export type ScriptFormat = 'jsonl' | 'json' | 'yaml' | 'text';

/** The formats, for flag validation and docs. */
export const SCRIPT_FORMATS: readonly ScriptFormat[] = ['jsonl', 'json', 'yaml', 'text'];

/**
 * Picks the format from the file extension (.jsonl/.ndjson, .json, .yaml/.yml, .txt); for any other name it
 * looks at the text: object-per-line is JSONL, one object is JSON, `key:` lines are YAML, else plain text.
 *
 * @example
 * detectScriptFormat('story.yml', '') // 'yaml'
 * detectScriptFormat('prompt', '{"prompts": ["a"]}\n{"prompts": ["b"]}') // 'jsonl'
 */
export function detectScriptFormat(path: string, text: string): ScriptFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'json') return 'json';
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  if (extension === 'txt') return 'text';
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return 'text';
  if (lines.every((line) => line.startsWith('{') && line.endsWith('}'))) return 'jsonl';
  if (lines[0]!.startsWith('{')) return 'json';
  if (/^(id|title|fps|seconds|prompts|segments|characters|present)\s*:/m.test(text)) return 'yaml';
  return 'text';
}
