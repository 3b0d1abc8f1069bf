/** `/reload` — moderators only: rebuild the index from corpus/ and config/, swap it in, report what changed (ephemeral). */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { BotError, userMessage } from '../../core/errors.js';
import { reloadEmbed, reloadFailedEmbed } from '../embeds/reload.js';
import { isModerator } from '../permissions.js';
import { NO_PINGS, deferEphemeral, interactionContext, logError } from '../respond.js';
import type { Command } from './command.js';

/** The /reload command (registered with Manage Server as default permission, so members don't see it). */
export const reload: Command = {
  data: new SlashCommandBuilder()
    .setName('reload')
    .setDescription('Moderators: rebuild the index from the corpus / 重新加载语料')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
  async execute(interaction, ctx) {
    if (!isModerator(interaction, ctx.settings.moderatorRoles)) throw new BotError('FORBIDDEN');
    // Rebuilding can take longer than the 3-second interaction deadline.
    await deferEphemeral(interaction);
    try {
      const report = await ctx.store.reload();
      ctx.logger.info({ ...interactionContext(interaction), report }, 'corpus reloaded');
      await interaction.editReply({ embeds: [reloadEmbed(report)], allowedMentions: NO_PINGS });
    } catch (error) {
      logError(ctx, error, { ...interactionContext(interaction), action: 'reload' });
      await interaction.editReply({ embeds: [reloadFailedEmbed(userMessage(error))], allowedMentions: NO_PINGS });
    }
  },
};
