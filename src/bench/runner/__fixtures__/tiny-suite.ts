import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A suite of `count` annotated scripts, 2 prompts of `seconds` each, alternating two dimensions. */
export function writeTinySuite(dir: string, count: number, seconds = 3): string {
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = ['Ravi', 'Omar', 'Lena', 'Nora'][index % 4]!;
    const dimension = index % 2 === 0 ? 'reappearance' : 'newcomer';
    lines.push(
      JSON.stringify({
        id: `${dimension}-${String(index + 1).padStart(3, '0')}`,
        dimension,
        prompts: [`In a park, ${name}, a tall man with a red coat, walks.`, `${name} sits on a bench in the park.`],
        seconds: [seconds, seconds],
        characters: { a: { aliases: [name, 'a tall man'], attrs: ['red coat'] } },
        present: [['a'], ['a']],
      }),
    );
  }
  const path = join(dir, 'tiny.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
