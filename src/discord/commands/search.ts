/** `/search query:` — the top passages as a list, with autocomplete suggesting passages while the user types. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { detectScript } from '../../core/text.js';
import { passageChoices } from '../choices.js';
import { LIMITS, truncate } from '../limits.js';
import { snippet } from '../markup.js';
import { withoutMentions } from '../mentions.js';
import { NO_PINGS, answer } from '../respond.js';
import { searchView, durable } from '../views.js';
import { MAX_OPTION_LENGTH, type Command } from './command.js';
import { COMMAND_TEXT, describe } from '../../messages.js';

/** The /search command. */
export const search: Command = {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription(describe(COMMAND_TEXT.search).description)
    .setDescriptionLocalizations(describe(COMMAND_TEXT.search).localizations)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o.setName('query').setDescription(describe(COMMAND_TEXT.searchQuery).description).setDescriptionLocalizations(describe(COMMAND_TEXT.searchQuery).localizations).setRequired(true).setMaxLength(MAX_OPTION_LENGTH).setAutocomplete(true),
    ),
  cooldown: true,
  async execute(interaction, ctx) {
    const query = interaction.options.getString('query', true);
    await answer(interaction, { ...(await durable(ctx, searchView(query, 0, ctx))), allowedMentions: NO_PINGS });
  },
  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().trim();
    if (!typed) return interaction.respond([]);
    const script = detectScript(typed);
    const suggestions = ctx.store.current.suggest(withoutMentions(typed), LIMITS.choices - 1);
    const own = { name: truncate(`🔎 ${typed}`, LIMITS.choiceName), value: truncate(typed, LIMITS.choiceValue) };
    // Choosing a passage searches for a window of its text around the match, which ranks it first.
    const choices = passageChoices(suggestions, script, (p) => snippet(p.text, p.matched, LIMITS.choiceValue).replace(/…/g, '').trim());
    await interaction.respond([own, ...choices.filter((c) => c.value !== own.value)].slice(0, LIMITS.choices));
  },
};
