import { readFileSync } from 'node:fs';

/**
 * CPU seconds of this process's finished child processes (the ffmpeg encoders), from `/proc/self/stat` (cutime +
 * cstime at 100 ticks a second); null where there is no procfs.
 */
export function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // fields after the parenthesised command name; cutime and cstime are fields 16 and 17 of the line
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}
