/** Reply helpers shared by the handlers: no pings, ephemeral notices, and the one error boundary. */
import {
  MessageFlags,
  type MessageMentionOptions,
  type RepliableInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { BotError, isBotError, userMessage } from '../core/errors.js';
import type { BotContext } from './context.js';
import { clampContent } from './format.js';

/** Mentions allowed in every message the bot sends: none, not even the user replied to. */
export const NO_PINGS: MessageMentionOptions = Object.freeze({ parse: [], repliedUser: false }) as MessageMentionOptions;

/** Replies to an interaction with a short ephemeral text, whether it was deferred, answered or not yet. */
export async function notify(interaction: RepliableInteraction, text: string): Promise<void> {
  const content = clampContent(text);
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ content, embeds: [], components: [], allowedMentions: NO_PINGS });
  } else if (interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  }
}

/** Log fields that say where something happened, never secrets. */
export function interactionContext(interaction: Interaction): Record<string, unknown> {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  };
}

/** Log fields for a message. */
export function messageContext(message: Message): Record<string, unknown> {
  return { messageId: message.id, guildId: message.guildId, channelId: message.channelId, userId: message.author.id };
}

/** Logs an error with its context: expected catalog errors at info, bugs at error. */
export function logError(ctx: BotContext, error: unknown, where: Record<string, unknown>): void {
  if (isBotError(error)) ctx.logger.info({ ...where, code: error.code }, 'request refused: %s', error.code);
  else ctx.logger.error({ ...where, err: error }, 'handler failed');
}

/** The transport boundary of an interaction: logs the error and answers with the catalog message (ephemeral); never throws. */
export async function answerError(ctx: BotContext, interaction: Interaction, error: unknown): Promise<void> {
  logError(ctx, error, interactionContext(interaction));
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (interaction.isRepliable()) await notify(interaction, userMessage(error));
  } catch (replyError) {
    ctx.logger.warn({ ...interactionContext(interaction), err: replyError }, 'could not send the error reply');
  }
}

/** Throws QUESTION_TOO_LONG when a question is over the configured length. */
export function checkLength(text: string, max: number): void {
  if ([...text].length > max) throw new BotError('QUESTION_TOO_LONG', { max });
}
