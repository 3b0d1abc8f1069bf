/** `/ask question:` — the same answer as a question in a channel. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { NO_PINGS, answer } from '../respond.js';
import { answerView, durable } from '../views.js';
import { MAX_OPTION_LENGTH, type Command } from './command.js';

/** The /ask command. */
export const ask: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the documents / 就文档提问')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o.setName('question').setDescription('Your question, e.g. 昌吉州煤电装机多少？').setRequired(true).setMaxLength(MAX_OPTION_LENGTH),
    ),
  cooldown: true,
  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    // /ask continues the user's conversation in this channel (within followUpMinutes, or in a thread).
    const place = { channelId: interaction.channelId, userId: interaction.user.id, inThread: interaction.channel?.isThread() ?? false };
    const { conversation, ...view } = answerView(question, ctx, ctx.conversations ? ctx.conversations.continued(place) : undefined);
    if (conversation) ctx.conversations?.record(place, conversation);
    await answer(interaction, { ...(await durable(ctx, view)), allowedMentions: NO_PINGS });
  },
};
