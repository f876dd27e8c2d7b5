import { fileURLToPath } from 'node:url';

/** The viewer's static files (plain ES modules, no build step): `viewer/` at the package root. */
export const viewerDir = fileURLToPath(new URL('../../viewer/', import.meta.url));
