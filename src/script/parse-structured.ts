import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Issue } from '../errors/iamflow-error.js';
import { checkNesting, type NestingProblem } from './check-nesting.js';

/** A parsed JSON/YAML value, or the issue saying where the syntax breaks. */
export type StructuredResult = { success: true; value: unknown } | { success: false; issue: Issue };

/**
 * Parses JSON text. A syntax error names the line and column; `firstLine` offsets the line for JSONL.
 *
 * @example
 * parseJson('{"a" 1}', { path: 'a.json' }) // { success: false, issue: { code: 'malformed-json', path: ['a.json', 'line 1'], ... } }
 */
export function parseJson(text: string, options: { path: string; firstLine?: number }): StructuredResult {
  const nesting = checkNesting(text);
  if (nesting !== undefined)
    return { success: false, issue: tooDeep(nesting, options.path, options.firstLine) };
  try {
    return { success: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(raw)?.[1] ?? text.length);
    const before = text.slice(0, position);
    const line = (options.firstLine ?? 1) + (before.match(/\n/g)?.length ?? 0);
    const column = position - before.lastIndexOf('\n');
    const reason = raw
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/( in JSON)? at position \d+.*$/s, '');
    return {
      success: false,
      issue: {
        code: 'malformed-json',
        path: [options.path, `line ${line}`],
        message: `is not valid JSON: ${reason} at column ${column}`,
        hint: 'check quotes, commas and brackets near that column (strings need double quotes)',
      },
    };
  }
}

/**
 * Parses one YAML document. A syntax error names the line and column.
 *
 * @example
 * parseYaml('a: [1', { path: 'a.yaml' }).success // false
 */
export function parseYaml(text: string, options: { path: string }): StructuredResult {
  const nesting = checkNesting(text);
  if (nesting !== undefined) return { success: false, issue: tooDeep(nesting, options.path) };
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0].line ?? lineAt(text, error.pos[0]);
    const column = error.linePos?.[0].col;
    return {
      success: false,
      issue: {
        code: 'malformed-yaml',
        path: [options.path, `line ${line}`],
        message: `is not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}${column ? ` (column ${column})` : ''}`,
        hint: 'check the indentation and that lists start with "- "; quote prompts that contain ": " or start with a symbol',
      },
    };
  }
  try {
    return { success: true, value: document.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    // toJS throws a ReferenceError for an alias used before its anchor, or past maxAliasCount (an alias bomb).
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return {
      success: false,
      issue: {
        code: 'malformed-yaml',
        path: [options.path, `line ${aliasLine(text, message)}`],
        message: `is not valid YAML: ${message}`,
        hint: 'define every anchor (&name) before its alias (*name), and do not expand aliases recursively',
      },
    };
  }
}

/** The line of the first alias the error names (`*name`), else line 1. */
function aliasLine(text: string, message: string): number {
  const name = /alias[^:]*: (\S+)/.exec(message)?.[1]?.replace(/"+$/, '');
  const offset = name ? text.indexOf(`*${name}`) : -1;
  return offset < 0 ? 1 : lineAt(text, offset);
}

/**
 * Builds a locator from a field path to its 1-based line in a YAML or JSON text (JSON is read as YAML for
 * positions only). Missing fields fall back to their nearest present parent.
 */
export function createLocator(text: string): (path: readonly (string | number)[]) => number | undefined {
  if (checkNesting(text) !== undefined) return () => undefined;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) return () => undefined;
  return (path) => {
    for (let length = path.length; length > 0; length--) {
      const node = document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

function lineAt(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\n/g)?.length ?? 0) + 1;
}

function tooDeep(problem: NestingProblem, path: string, firstLine = 1): Issue {
  return {
    code: 'too-deep',
    path: [path, `line ${firstLine - 1 + problem.line}`],
    message: `${problem.message} (column ${problem.column})`,
    hint: 'a script needs a few levels: a list of prompts, or of objects with a prompt each',
  };
}
