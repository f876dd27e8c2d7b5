/** Deepest bracket nesting (`[` / `{`) a script file may have; a script needs three or four levels. */
export const maxNestingDepth = 64;

/** Widest indentation of a YAML line, in columns. */
export const maxIndentation = 256;

/** Where a text nests too deep, and how. */
export interface NestingProblem {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** What is too deep. */
  message: string;
}

/**
 * Finds the first place where a JSON or YAML text nests deeper than any script needs: brackets past
 * {@link maxNestingDepth} levels, or an indentation past {@link maxIndentation} columns. The YAML parser recurses
 * once per level; thousands of levels exhaust the stack, and V8 may then fail fatally (out of memory compiling a
 * regular expression at that depth) instead of throwing, so such texts are refused before they are parsed.
 * Quoted strings are skipped, so a prompt may hold any brackets.
 *
 * @example
 * checkNesting('prompts: [[[["a"]]]]') // undefined
 */
export function checkNesting(text: string): NestingProblem | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: '"' | "'" | undefined;
  let atIndent = true;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\n') {
      line++;
      lineStart = index + 1;
      atIndent = true;
      // A YAML quoted scalar may span lines; a JSON string may not, but then JSON.parse reports it.
      continue;
    }
    if (atIndent) {
      if (char === ' ') {
        if (index - lineStart + 1 > maxIndentation) {
          return {
            line,
            column: index - lineStart + 1,
            message: `is indented more than ${maxIndentation} columns`,
          };
        }
        continue;
      }
      atIndent = false;
    }
    if (quote !== undefined) {
      if (quote === '"' && char === '\\') index++;
      else if (char === quote) {
        // '' inside a single-quoted YAML scalar is an escaped quote.
        if (quote === "'" && text[index + 1] === "'") index++;
        else quote = undefined;
      }
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === lineStart || /\s/.test(text[index - 1]!))) {
      const end = text.indexOf('\n', index);
      index = (end < 0 ? text.length : end) - 1;
    } else if (char === '[' || char === '{') {
      if (++depth > maxNestingDepth) {
        return {
          line,
          column: index - lineStart + 1,
          message: `nests lists or maps more than ${maxNestingDepth} levels deep`,
        };
      }
    } else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}
