/** `/figures topic:` — the figures about a topic as a compact table; all of them without a topic. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { toSimplified } from '../../core/text.js';
import { LIMITS, truncate } from '../limits.js';
import { NO_PINGS, answer } from '../respond.js';
import { figuresView, durable } from '../views.js';
import type { Command } from './command.js';
import { COMMAND_TEXT, describe } from '../../messages.js';

/** The /figures command. */
export const figures: Command = {
  data: new SlashCommandBuilder()
    .setName('figures')
    .setDescription(describe(COMMAND_TEXT.figures).description)
    .setDescriptionLocalizations(describe(COMMAND_TEXT.figures).localizations)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o.setName('topic').setDescription(describe(COMMAND_TEXT.figuresTopic).description).setDescriptionLocalizations(describe(COMMAND_TEXT.figuresTopic).localizations).setRequired(false).setMaxLength(200).setAutocomplete(true),
    ),
  async execute(interaction, ctx) {
    const topic = interaction.options.getString('topic') ?? '';
    await answer(interaction, { ...(await durable(ctx, figuresView(topic, 0, ctx))), allowedMentions: NO_PINGS });
  },
  async autocomplete(interaction, ctx) {
    const typed = toSimplified(interaction.options.getFocused().trim());
    const measures = new Set<string>();
    // Passage by passage, as figures() lists them: only the passages read until the choices are full make their Figure objects.
    outer: for (const p of ctx.store.current.passages()) {
      for (const f of p.figures) {
        if (f.measure && f.measure.includes(typed)) measures.add(truncate(f.measure, LIMITS.choiceValue));
        if (measures.size >= LIMITS.choices) break outer;
      }
    }
    await interaction.respond([...measures].map((m) => ({ name: m, value: m })));
  },
};
