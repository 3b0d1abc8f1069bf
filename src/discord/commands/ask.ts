/** `/ask question:` — the same answer as a question in a channel. */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction, type InteractionEditReplyOptions, type InteractionReplyOptions } from 'discord.js';
import { NO_PINGS } from '../respond.js';
import { answerView, durable } from '../views.js';
import { MAX_OPTION_LENGTH, type Command } from './command.js';
import { COMMAND_TEXT, describe } from '../../messages.js';

/** The /ask command. */
export const ask: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription(describe(COMMAND_TEXT.ask).description)
    .setDescriptionLocalizations(describe(COMMAND_TEXT.ask).localizations)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o.setName('question').setDescription(describe(COMMAND_TEXT.askQuestion).description).setDescriptionLocalizations(describe(COMMAND_TEXT.askQuestion).localizations).setRequired(true).setMaxLength(MAX_OPTION_LENGTH),
    ),
  cooldown: true,
  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    // /ask continues the user's conversation in this channel (within followUpMinutes, or in a thread).
    const place = { channelId: interaction.channelId, userId: interaction.user.id, inThread: interaction.channel?.isThread() ?? false };
    const { conversation, ...view } = answerView(question, ctx, ctx.conversations ? ctx.conversations.continued(place) : undefined);
    if (conversation) ctx.conversations?.record(place, conversation);
    const sent = await answerWithId(interaction, { ...(await durable(ctx, view)), allowedMentions: NO_PINGS });
    // A Discord reply to this answer continues the conversation, as a reply to a channel answer does.
    if (conversation && sent) ctx.conversations?.recordAnswer(sent, conversation);
  },
};

/**
 * Sends the answer (the reply, or the edit of a deferred reply) and returns its message id:
 * `withResponse` makes Discord return the created message with the acknowledgement, no second request.
 */
async function answerWithId(interaction: ChatInputCommandInteraction, payload: InteractionReplyOptions): Promise<string | undefined> {
  if (interaction.deferred && !interaction.replied) {
    const { flags: _flags, ...rest } = payload;
    return (await interaction.editReply(rest as InteractionEditReplyOptions)).id;
  }
  const response = await interaction.reply({ ...payload, withResponse: true });
  return response.resource?.message?.id ?? response.interaction.responseMessageId ?? undefined;
}
