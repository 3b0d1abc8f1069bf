/** `/reload` — moderators only: rebuild the index from corpus/ and config/, swap it in, report what changed (ephemeral). */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { BotError, userMessage } from '../../core/errors.js';
import { reloadEmbed, reloadFailedEmbed } from '../embeds/reload.js';
import { isModerator } from '../permissions.js';
import { NO_PINGS, deferEphemeral, interactionContext, logError } from '../respond.js';
import type { ShardedReloadReport } from '../../shard/shard-store.js';
import type { Command } from './command.js';
import { COMMAND_TEXT, describe, say, UI } from '../../messages.js';

/** The reply's first line in sharded mode: how many shards swapped to the new index (and which did not). */
export function shardsLine(shards: NonNullable<ShardedReloadReport['shards']>): string {
  const line = say(UI.shardsUpdated(shards.updated, shards.total));
  if (shards.failed.length === 0) return line;
  return `${line}\n${say(UI.shardsNotUpdated(shards.failed.join(', ')))}`;
}

/** The /reload command (registered with Manage Server as default permission, so members don't see it). */
export const reload: Command = {
  data: new SlashCommandBuilder()
    .setName('reload')
    .setDescription(describe(COMMAND_TEXT.reload).description)
    .setDescriptionLocalizations(describe(COMMAND_TEXT.reload).localizations)
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
  async execute(interaction, ctx) {
    if (!isModerator(interaction, ctx.settings.moderatorRoles)) throw new BotError('FORBIDDEN');
    // Rebuilding can take longer than the 3-second interaction deadline.
    await deferEphemeral(interaction);
    try {
      const report: ShardedReloadReport = await ctx.store.reload();
      ctx.logger.info({ ...interactionContext(interaction), report }, 'corpus reloaded');
      const embed = reloadEmbed(report);
      // The shard count first: it is what a moderator of a sharded bot checks (4096: Discord's description limit).
      if (report.shards) embed.description = `${shardsLine(report.shards)}\n${embed.description ?? ''}`.slice(0, 4096);
      await interaction.editReply({ embeds: [embed], allowedMentions: NO_PINGS });
    } catch (error) {
      logError(ctx, error, { ...interactionContext(interaction), action: 'reload' });
      await interaction.editReply({ embeds: [reloadFailedEmbed(userMessage(error))], allowedMentions: NO_PINGS });
    }
  },
};
