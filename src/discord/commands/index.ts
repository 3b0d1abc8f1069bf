/** The registry of slash commands, by name; adding a command is adding its file and one line here. */
import { ask } from './ask.js';
import type { Command } from './command.js';
import { figures } from './figures.js';
import { passage } from './passage.js';
import { reload } from './reload.js';
import { search } from './search.js';
import { source } from './source.js';

/** Every command of the bot. */
export const commandList: readonly Command[] = [ask, search, passage, figures, source, reload];

/** The commands by name. */
export const commands: ReadonlyMap<string, Command> = new Map(commandList.map((c) => [c.data.name, c]));

/** The JSON bodies Discord registers (`npm run deploy-commands`). */
export function commandBodies() {
  return commandList.map((c) => c.data.toJSON());
}

/** The shape of a command module. */
export type { Command } from './command.js';
