import { readdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Issue } from '../errors/iamflow-error.js';
import { InputError } from '../errors/input-error.js';
import { decodeUtf8 } from './decode-utf8.js';
import type { ScriptFormat } from './detect-script-format.js';
import { parseScriptEntries, parseScriptText, type ScriptParseResult } from './parse-script-text.js';
import type { Script } from './script.js';
import { scriptLimits } from './script-limits.js';
import { selectScript } from './select-script.js';

/** Options of `readScript`. */
export interface ReadScriptOptions {
  /** 1-based file line of the script to take from a JSONL file (`--line`). */
  line?: number;
  /** Id of the script to take from a JSONL file (`--id`). */
  id?: string;
  /** Layout, when the extension does not tell. Detected by default. */
  format?: ScriptFormat;
  /** Directory relative paths start from. Default: the process's working directory. */
  cwd?: string;
}

/**
 * Reads one script. A file with several scripts needs `line` or `id`; every problem is an InputError whose
 * issues name the file, line and field.
 *
 * @example
 * const script = await readScript('examples/nora.jsonl');
 * const third = await readScript('bench/suite/narrastream-324.jsonl', { line: 3 });
 */
export async function readScript(path: string, options: ReadScriptOptions = {}): Promise<Script> {
  const text = await readScriptFile(path, options.cwd);
  const entries = parseScriptEntries(text, { path, ...(options.format ? { format: options.format } : {}) });
  return selectScript(entries, { path, ...options });
}

/**
 * Reads every script of a suite file. Invalid scripts are returned as errors; the valid ones still load. A file
 * that cannot be read at all throws.
 *
 * @example
 * const { scripts, errors } = await readScripts('bench/suite/narrastream-324.jsonl');
 */
export async function readScripts(
  path: string,
  options: Pick<ReadScriptOptions, 'format' | 'cwd'> = {},
): Promise<ScriptParseResult> {
  const text = await readScriptFile(path, options.cwd);
  return parseScriptText(text, { path, ...(options.format ? { format: options.format } : {}) });
}

/** Reads a script file as strict UTF-8 text, turning file-system failures into InputErrors naming the path. */
export async function readScriptFile(path: string, cwd?: string): Promise<string> {
  const absolute = resolve(cwd ?? process.cwd(), path);
  const fail = (issue: Omit<Issue, 'path'>, cause?: unknown): never => {
    throw new InputError([{ ...issue, path: [path] }], cause === undefined ? {} : { cause });
  };
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) =>
    fail(fileIssue(error.code, absolute), error),
  );
  if (info.isDirectory()) {
    const inside = await listScriptFiles(absolute);
    fail({
      code: 'not-a-file',
      message: 'is a directory, not a script file',
      hint:
        inside.length > 0
          ? `pass a file inside it, e.g. ${inside.map((name) => `${path.replace(/\/$/, '')}/${name}`).join(' or ')}`
          : 'pass a .jsonl, .yaml, .json or .txt script file',
    });
  }
  if (info.size > scriptLimits.maxFileBytes) {
    fail({
      code: 'file-too-large',
      message: `is ${(info.size / 1024 / 1024).toFixed(1)} MiB; script files are limited to ${scriptLimits.maxFileBytes / 1024 / 1024} MiB`,
      hint: 'split the suite into several files',
    });
  }
  const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) =>
    fail(fileIssue(error.code, absolute), error),
  );
  const decoded = decodeUtf8(bytes, path);
  if (!decoded.success) throw new InputError([decoded.issue]);
  return decoded.text;
}

function fileIssue(code: string | undefined, absolute: string): Omit<Issue, 'path'> {
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { code: 'missing-file', message: 'no such file', hint: `check the path (looked for ${absolute})` };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return { code: 'unreadable-file', message: 'permission denied', hint: 'check the file permissions' };
  }
  return { code: 'unreadable-file', message: `cannot be read (${code ?? 'unknown error'})` };
}

async function listScriptFiles(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  return names
    .filter((name) => /\.(jsonl|ya?ml|json|txt)$/i.test(name))
    .sort()
    .slice(0, 3);
}
