/** What the operating system's error codes that a user can act on mean, and what to do about them. */
const explanations: Record<string, { what: (path: string) => string; hint: string }> = {
  ENOSPC: {
    what: (path) => `no space left on the disk${path ? ` holding ${path}` : ''}`,
    hint: 'free some space or choose another --out; files already there were not replaced (new ones are written as .part and renamed only when complete)',
  },
  EDQUOT: {
    what: (path) => `disk quota exceeded${path ? ` writing ${path}` : ''}`,
    hint: 'free some space or choose another --out; files already there were not replaced',
  },
  EROFS: {
    what: (path) => `${path || 'the output'} is on a read-only file system`,
    hint: 'choose a writable --out',
  },
  EACCES: {
    what: (path) => `permission denied${path ? `: ${path}` : ''}`,
    hint: 'choose a folder you can write to, or fix its permissions',
  },
  EPERM: {
    what: (path) => `operation not permitted${path ? `: ${path}` : ''}`,
    hint: 'choose a folder you can write to, or fix its permissions',
  },
  ENOENT: {
    what: (path) => `${path || 'a file the run needs'} no longer exists`,
    hint: 'was the output folder deleted or moved during the run? rerun into a folder that stays',
  },
  EIO: {
    what: (path) => `input/output error${path ? ` on ${path}` : ''}`,
    hint: 'the disk may be failing or was unmounted; check it, or choose another --out',
  },
};

/**
 * One located line for an operating-system error a user can act on (a full disk, a read-only or deleted folder,
 * missing permissions), e.g. `error: no space left on the disk holding out/video.mp4.part` with a hint; undefined
 * for any other error.
 *
 * @example
 * formatSystemError(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: 'out/run.json.part' }))
 */
export function formatSystemError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  const explanation = code === undefined ? undefined : explanations[code];
  if (explanation === undefined) return undefined;
  return `error: ${explanation.what(path ?? '')} (${code})\n  hint: ${explanation.hint}`;
}
