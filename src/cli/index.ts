// The CLI as a library entry (`iamflow/cli`): run the commands in-process with injectable I/O.

export type { Command, CommandContext } from './command.js';
export { type CliIo, main as runCli } from './main.js';
