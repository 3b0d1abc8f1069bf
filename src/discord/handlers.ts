/** The two entry points from the gateway: interactions (commands, autocomplete, buttons) and channel messages. */
import type { Interaction, Message } from 'discord.js';
import { BotError, formatMessage } from '../core/errors.js';
import { discordError } from './errors.js';
import { handleButton } from './buttons.js';
import { commands } from './commands/index.js';
import type { BotContext } from './context.js';
import { clampContent } from './limits.js';
import { NO_PINGS, answerError, deferIfLate, interactionContext, logError, messageContext, replyText } from './respond.js';
import { answerView, durable } from './views.js';

/** Handles any interaction; the one catch at the transport boundary answers errors with the catalog message. */
export async function handleInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  try {
    if (interaction.guildId === null && !ctx.settings.allowDMs) {
      if (interaction.isAutocomplete()) await interaction.respond([]);
      else throw discordError('DM_DISABLED');
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) throw new Error(`unknown command ${interaction.commandName}`);
      if (command.cooldown) takeCooldown(ctx, interaction.user.id);
      // Arrived late (a burst ahead of it): acknowledge first, then work; the answer edits the deferral.
      if (await deferIfLate(interaction, command.ephemeral ?? false)) ctx.logger.info({ ...interactionContext(interaction) }, 'late interaction: deferred before answering');
      const started = performance.now();
      await command.execute(interaction, ctx);
      ctx.logger.debug({ command: interaction.commandName, ms: Math.round(performance.now() - started) }, 'command answered');
    } else if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } else if (interaction.isButton()) {
      await handleButton(interaction, ctx);
    } else if (interaction.isRepliable()) {
      // Select menus, modals, context-menu commands: the bot sends none, but each still gets an answer.
      throw discordError('UNSUPPORTED_INTERACTION');
    }
  } catch (error) {
    await answerError(ctx, interaction, error);
  }
}

/** Throws COOLDOWN when the user asked too recently. */
function takeCooldown(ctx: BotContext, userId: string): void {
  const result = ctx.cooldown.take(userId);
  if (!result.ok) throw new BotError('COOLDOWN', { seconds: result.retryAfter });
}

/** Removes mentions of the bot from a message, leaving the question. */
export function stripBotMention(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
}

/** Decides whether a message is a question for the bot: a mention, a Q&A channel (or a thread in one), or a DM. */
export function isQuestion(message: Message, botId: string, qaChannels: readonly string[]): boolean {
  if (!message.inGuild()) return true;
  if (message.mentions.has(botId, { ignoreEveryone: true, ignoreRoles: true, ignoreRepliedUser: true })) return true;
  const channel = message.channel;
  const inQa = qaChannels.includes(channel.id) || (channel.isThread() && channel.parentId !== null && qaChannels.includes(channel.parentId));
  // Without the Message Content intent other messages arrive empty: nothing to answer.
  return inQa && message.content.trim().length > 0;
}

/**
 * The nonce of the bot's one reply to a message: the message's own id, enforced by Discord, so a send
 * retried after a 5xx or a timeout, or a question delivered twice, is posted once.
 */
export function replyNonce(message: Pick<Message, 'id'>): { nonce: string; enforceNonce: true } {
  return { nonce: message.id, enforceNonce: true };
}

/** Handles a channel or DM message; never throws. */
export async function handleMessage(message: Message, ctx: BotContext, botId: string): Promise<void> {
  if (message.author.bot || message.webhookId !== null || message.system || message.author.id === botId) return;
  if (!isQuestion(message, botId, ctx.settings.qaChannels)) return;
  const where = messageContext(message);
  try {
    if (!message.inGuild() && !ctx.settings.allowDMs) throw discordError('DM_DISABLED');
    const result = ctx.cooldown.take(message.author.id);
    if (!result.ok) {
      ctx.logger.info({ ...where, code: 'COOLDOWN' }, 'request refused: COOLDOWN');
      const notice = await message.reply({
        content: formatMessage('COOLDOWN', { seconds: result.retryAfter }),
        allowedMentions: NO_PINGS,
        failIfNotExists: false,
        ...replyNonce(message),
      });
      // A message cannot be ephemeral: the notice removes itself when the cooldown is over.
      ctx.later.after(Math.max(5, result.retryAfter) * 1000, () => {
        notice.delete().catch((err: unknown) => ctx.logger.debug({ ...where, err }, 'could not delete the cooldown notice'));
      });
      return;
    }
    const question = stripBotMention(message.content, botId);
    const place = { channelId: message.channelId, userId: message.author.id, replyTo: message.reference?.messageId ?? null, inThread: message.channel.isThread() };
    const { conversation, ...view } = answerView(question, ctx, ctx.conversations ? ctx.conversations.continued(place) : undefined);
    if (conversation) ctx.conversations?.record(place, conversation);
    const sent = await message.reply({ ...(await durable(ctx, view)), allowedMentions: NO_PINGS, failIfNotExists: false, ...replyNonce(message) });
    if (conversation) ctx.conversations?.recordAnswer(sent.id, conversation);
  } catch (error) {
    logError(ctx, error, where);
    try {
      // Same nonce: if the answer itself reached Discord before failing, this is not posted on top of it.
      await message.reply({ content: clampContent(replyText(error)), allowedMentions: NO_PINGS, failIfNotExists: false, ...replyNonce(message) });
    } catch (replyError) {
      ctx.logger.warn({ ...where, err: replyError }, 'could not send the error reply');
    }
  }
}
