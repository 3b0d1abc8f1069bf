/** Reply helpers shared by the handlers: no pings, ephemeral notices, and the one error boundary. */
import {
  MessageFlags,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type MessageMentionOptions,
  type RepliableInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { BotError, isBotError, userMessage } from '../core/errors.js';
import type { BotContext } from './context.js';
import { ackRefusal } from './failures.js';
import { clampContent } from './limits.js';
import { escapeText } from './markup.js';

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

/**
 * Defers the reply (ephemerally). When Discord answers 40060, a retry of this very request found the first one
 * already received: the interaction is deferred, and the work goes on to edit the reply.
 */
export async function deferEphemeral(interaction: RepliableInteraction): Promise<void> {
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } catch (error) {
    if (ackRefusal(error) !== 40060) throw error;
    interaction.deferred = true;
  }
}

/**
 * Age of an interaction (from its snowflake) past which the bot defers before working: the events ahead of
 * it took that long, and its own answer must not push the acknowledgement past Discord's 3 s.
 */
export const DEFER_AFTER_MS = 1500;

/** Defers a command that arrived late (busy bot, lagging gateway), ephemerally when its answer is; true when deferred. */
export async function deferIfLate(interaction: RepliableInteraction, ephemeral: boolean, now = Date.now()): Promise<boolean> {
  if (now - interaction.createdTimestamp <= DEFER_AFTER_MS || interaction.deferred || interaction.replied) return false;
  try {
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    if (ackRefusal(error) !== 40060) throw error;
    interaction.deferred = true;
  }
  return true;
}

/** Sends a command's answer: the reply, or the edit of the deferred reply (whose visibility was set by the deferral). */
export async function answer(interaction: RepliableInteraction, payload: InteractionReplyOptions): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    const { flags: _flags, ...rest } = payload;
    await interaction.editReply(rest as InteractionEditReplyOptions);
  } else {
    await interaction.reply(payload);
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

/**
 * The user-facing message for an error, with the values it echoes (a passage id, a question) escaped:
 * no markdown, no masked links, no @everyone, and links wrapped in <> so they do not unfold into previews.
 */
export function replyText(error: unknown): string {
  if (!(error instanceof BotError)) return userMessage(error);
  const params = Object.fromEntries(
    Object.entries(error.params).map(([k, v]) => [k, typeof v === 'string' ? escapeText(v).replace(/https?:\/\/[^\s<>]+/g, (url) => `<${url}>`) : v]),
  );
  return error.render(params);
}

/** Logs an error with its context: expected catalog errors at info, bugs at error. */
export function logError(ctx: BotContext, error: unknown, where: Record<string, unknown>): void {
  if (isBotError(error)) ctx.logger.info({ ...where, code: error.code }, 'request refused: %s', error.code);
  else ctx.logger.error({ ...where, err: error }, 'handler failed');
}

/** The transport boundary of an interaction: logs the error and answers with the catalog message (ephemeral); never throws. */
export async function answerError(ctx: BotContext, interaction: Interaction, error: unknown): Promise<void> {
  const refusal = ackRefusal(error);
  if (refusal) {
    // Not a failure of the handler, and nothing more can be sent for this interaction: no apology.
    const { method, url } = error as { method?: string; url?: string };
    ctx.logger.warn(
      { ...interactionContext(interaction), code: refusal, method, route: url ? routeOf(url) : undefined },
      refusal === 40060
        ? 'Discord refused a second acknowledgement (a retried request had already arrived): the first one stands'
        : 'interaction acknowledged after its 3 s deadline (10062 Unknown interaction)',
    );
    return;
  }
  logError(ctx, error, interactionContext(interaction));
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (interaction.isRepliable()) await notify(interaction, replyText(error));
  } catch (replyError) {
    ctx.logger.warn({ ...interactionContext(interaction), err: replyError }, 'could not send the error reply');
  }
}

/** A REST URL's path as a route, ids and the interaction token (a credential for 15 minutes) replaced: safe to log. */
export function routeOf(url: string): string {
  return new URL(url).pathname
    .split('/')
    .map((part) => (/^\d+$/.test(part) ? ':id' : part.length > 24 ? ':token' : part))
    .join('/');
}

/** Throws QUESTION_TOO_LONG when a question is over the configured length. */
export function checkLength(text: string, max: number): void {
  if ([...text].length > max) throw new BotError('QUESTION_TOO_LONG', { max });
}
