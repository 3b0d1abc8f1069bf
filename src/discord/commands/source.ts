/** `/source` — what the corpus holds: documents, passages, figures, last reload; moderators also see the feedback summary. */
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { sourceEmbed } from '../embeds/source.js';
import { isModerator } from '../permissions.js';
import { NO_PINGS, answer } from '../respond.js';
import type { Command } from './command.js';
import { COMMAND_TEXT, describe } from '../../messages.js';

/** The /source command. */
export const source: Command = {
  data: new SlashCommandBuilder()
    .setName('source')
    .setDescription(describe(COMMAND_TEXT.source).description)
    .setDescriptionLocalizations(describe(COMMAND_TEXT.source).localizations)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  ephemeral: true,
  async execute(interaction, ctx) {
    const feedback = isModerator(interaction, ctx.settings.moderatorRoles) ? await ctx.feedback.summary() : undefined;
    await answer(interaction, {
      embeds: [sourceEmbed(ctx.store.current.source, ctx.store.lastReload, feedback)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  },
};
