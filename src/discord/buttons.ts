/** Button handlers, found by the action kind of the custom_id (a registry, like the commands). */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { BotError } from '../core/errors.js';
import { decodeAction, resolvePassageRef, type ButtonAction } from './components.js';
import type { BotContext } from './context.js';
import { discordMessage } from './errors.js';
import { NO_PINGS, notify } from './respond.js';
import { figuresView, passageView, searchView, durable } from './views.js';
import { UI, say } from '../messages.js';

/** Shown when a button refers to a question the bot no longer remembers (evicted, or never saved). */
export const EXPIRED = discordMessage('BUTTON_EXPIRED');

/** Thanks shown (ephemeral) after a 👍/👎. */
export const THANKS = { up: say(UI.thanksUp), down: say(UI.thanksDown) } as const;

type Handler<K extends ButtonAction['kind']> = (
  interaction: ButtonInteraction,
  action: Extract<ButtonAction, { kind: K }>,
  ctx: BotContext,
) => Promise<void>;

function passageIdOf(ref: string, ctx: BotContext): string {
  const id = resolvePassageRef(ref, ctx.refs, ctx.store.current);
  if (!id) throw new BotError('PASSAGE_NOT_FOUND', { id: ref });
  return id;
}

const more: Handler<'more'> = async (interaction, action, ctx) => {
  const question = ctx.refs.recall(action.questionKey);
  if (!question) return notify(interaction, EXPIRED);
  // The answer stays as it is for everyone; the next passages go to the one who asked for them.
  await interaction.reply({ ...(await durable(ctx, searchView(question, 1, ctx))), flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
};

const page: Handler<'page'> = async (interaction, action, ctx) => {
  const query = ctx.refs.recall(action.questionKey);
  if (!query) return notify(interaction, EXPIRED);
  await interaction.update({ ...(await durable(ctx, searchView(query, action.page, ctx))), allowedMentions: NO_PINGS });
};

const show: Handler<'show'> = async (interaction, action, ctx) => {
  const view = await durable(ctx, passageView(passageIdOf(action.passageRef, ctx), action.script, ctx));
  await interaction.reply({ ...view, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
};

const nav: Handler<'nav'> = async (interaction, action, ctx) => {
  await interaction.update({ ...(await durable(ctx, passageView(passageIdOf(action.passageRef, ctx), action.script, ctx))), allowedMentions: NO_PINGS });
};

const feedback: Handler<'fb'> = async (interaction, action, ctx) => {
  const passage = resolvePassageRef(action.passageRef, ctx.refs, ctx.store.current);
  await ctx.feedback.record({
    at: new Date().toISOString(),
    vote: action.vote,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    messageId: interaction.message.id,
    question: ctx.refs.recall(action.questionKey) ?? null,
    passage,
  });
  await notify(interaction, THANKS[action.vote]);
};

const figures: Handler<'figs'> = async (interaction, action, ctx) => {
  const topic = action.topicKey === '-' ? '' : ctx.refs.recall(action.topicKey);
  if (topic === undefined) return notify(interaction, EXPIRED);
  await interaction.update({ ...(await durable(ctx, figuresView(topic, action.page, ctx))), allowedMentions: NO_PINGS });
};

/** Every button handler by action kind. */
const handlers: { [K in ButtonAction['kind']]: Handler<K> } = { more, page, show, nav, fb: feedback, figs: figures };

/** Runs the handler of a button; disabled placeholders and unknown ids are acknowledged silently. Errors propagate to the boundary. */
export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = decodeAction(interaction.customId);
  if (!action) {
    ctx.logger.debug({ customId: interaction.customId }, 'unknown button');
    await interaction.deferUpdate();
    return;
  }
  const handler = handlers[action.kind] as Handler<typeof action.kind>;
  await handler(interaction, action as never, ctx);
}
