import type { Command } from '../command.js';
import { benchCommand } from './bench.js';
import { charactersCommand } from './characters.js';
import { engineCommand } from './engine.js';
import { entitiesCommand } from './entities.js';
import { evalCommand } from './eval.js';
import { generateCommand } from './generate.js';
import { lintCommand } from './lint.js';
import { serveCommand } from './serve.js';
import { workerCommand } from './worker.js';

/** Every `iamflow` command, in the order `iamflow --help` lists them. Add new commands here. */
export const commands: Command[] = [
  generateCommand,
  entitiesCommand,
  benchCommand,
  evalCommand,
  lintCommand,
  charactersCommand,
  serveCommand,
  workerCommand,
  engineCommand,
  // entities, eval, bench: add their commands here.
];
