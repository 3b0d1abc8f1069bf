/** The shape of a slash command module: its definition beside its handlers. */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.js';

/** A slash command: `data` (what Discord registers), `execute`, and `autocomplete` when an option has it. */
export interface Command {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** True when using the command counts against the per-user question cooldown. */
  readonly cooldown?: boolean;
  /** True when the command answers only the user (a deferral under load must be ephemeral too). */
  readonly ephemeral?: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** Largest string option Discord accepts from the client; the configured maximum is checked on receipt. */
export const MAX_OPTION_LENGTH = 4000;
