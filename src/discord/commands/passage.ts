/** `/passage id:` — one passage whole, with its neighbours one button-press away. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { detectScript } from '../../core/text.js';
import type { ScoredPassage } from '../../core/types.js';
import { passageChoices } from '../choices.js';
import { LIMITS } from '../limits.js';
import { withoutMentions } from '../mentions.js';
import { NO_PINGS, answer } from '../respond.js';
import { passageView, durable } from '../views.js';
import type { Command } from './command.js';
import { COMMAND_TEXT, describe } from '../../messages.js';

/** The /passage command. */
export const passage: Command = {
  data: new SlashCommandBuilder()
    .setName('passage')
    .setDescription(describe(COMMAND_TEXT.passage).description)
    .setDescriptionLocalizations(describe(COMMAND_TEXT.passage).localizations)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o.setName('id').setDescription(describe(COMMAND_TEXT.passageId).description).setDescriptionLocalizations(describe(COMMAND_TEXT.passageId).localizations).setRequired(true).setMaxLength(200).setAutocomplete(true),
    ),
  async execute(interaction, ctx) {
    const id = interaction.options.getString('id', true);
    await answer(interaction, { ...(await durable(ctx, passageView(id, 'simplified', ctx))), allowedMentions: NO_PINGS });
  },
  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().trim();
    const engine = ctx.store.current;
    const script = typed ? detectScript(typed) : 'simplified';
    let found: ScoredPassage[];
    if (!typed || /^[\x21-\x7e]+$/.test(typed)) {
      // An id (or its beginning): match ids; nothing typed lists the first passages.
      const lower = typed.toLowerCase();
      found = engine
        .passages()
        .filter((p) => p.id.toLowerCase().includes(lower))
        .slice(0, LIMITS.choices)
        .map((p) => ({ id: p.id, doc: p.doc, text: p.text, score: 0, matched: [] }));
      if (found.length === 0 && typed) found = engine.suggest(withoutMentions(typed), LIMITS.choices);
    } else {
      found = engine.suggest(withoutMentions(typed), LIMITS.choices);
    }
    await interaction.respond(passageChoices(found, script, (p) => p.id));
  },
};
