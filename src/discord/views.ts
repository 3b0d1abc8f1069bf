/** Message payloads built from the engine's plain data: embeds from embeds/, buttons from components.ts. */
import type { APIEmbed } from 'discord.js';
import { converse, understoodLine, type Conversation } from '../core/conversation.js';
import { passageIdError } from '../core/passages.js';
import { detectScript } from '../core/text.js';
import type { Script } from '../core/types.js';
import {
  answerButtons,
  figuresButtons,
  passageButtons,
  passageRef,
  searchButtons,
  type ButtonRow,
} from './components.js';
import type { BotContext } from './context.js';
import { answerEmbed } from './embeds/answer.js';
import { docIndex } from './embeds/common.js';
import { FIGURES_PER_PAGE, figuresEmbed } from './embeds/figures.js';
import { passageEmbed } from './embeds/passage.js';
import { searchEmbed } from './embeds/search.js';
import { escapeText } from './markup.js';
import { withoutMentions } from './mentions.js';
import { checkLength } from './respond.js';

/** Embeds and buttons of one bot message. */
export interface View {
  embeds: APIEmbed[];
  components: ButtonRow[];
}

/** Resolves to the view once every text its buttons refer to is on disk (fsync'd), so a restart cannot expire them. */
export async function durable<T>(ctx: BotContext, view: T): Promise<T> {
  await ctx.refs.settled();
  return view;
}

/**
 * The answer to a question: the embed and its buttons (more results, show passage, 👍/👎). Given
 * a conversation (null: a fresh one), the question is read as its next turn: a rewritten question
 * is shown above the answer 「（理解为：…）」 and the conversation after it is returned.
 */
export function answerView(question: string, ctx: BotContext, conversation?: Conversation | null): View & { content?: string; conversation?: Conversation } {
  checkLength(question, ctx.settings.maxQuestionLength);
  const engine = ctx.store.current;
  const limit = Math.max(ctx.settings.pageSize, 3);
  // The engine reads the question without Discord's markup; the answer echoes it as it was asked.
  const asked = withoutMentions(question);
  const turn = conversation === undefined ? null : converse(engine, conversation, asked, { limit });
  const answer = { ...(turn ? turn.answer : engine.answer(asked, { limit })), question };
  // Buttons (more results) page through the question as understood.
  const key = ctx.refs.remember(answer.understood ?? question);
  const best = answer.passages[0];
  const line = understoodLine(answer);
  return {
    ...(line ? { content: escapeText(line) } : {}),
    embeds: [answerEmbed(answer, docIndex(engine.source), { citations: ctx.settings.pageSize })],
    components: answerButtons(key, best ? passageRef(best.id, ctx.refs) : null, answer.script),
    ...(turn ? { conversation: turn.conversation } : {}),
  };
}

/** One page (0-based) of search results with show / previous / next buttons. */
export function searchView(query: string, page: number, ctx: BotContext): View {
  checkLength(query, ctx.settings.maxQuestionLength);
  const engine = ctx.store.current;
  const size = ctx.settings.pageSize;
  const result = { ...engine.search(withoutMentions(query), { limit: size, offset: page * size }), query };
  const key = ctx.refs.remember(query);
  const pages = Math.max(1, Math.ceil(result.total / size));
  const refs = result.passages.map((p) => passageRef(p.id, ctx.refs));
  return {
    embeds: [searchEmbed(result, docIndex(engine.source), page, size)],
    components: searchButtons(key, page, pages, page * size + 1, refs, result.script),
  };
}

/** One whole passage with buttons to its neighbours; PASSAGE_NOT_FOUND when the id is unknown. */
export function passageView(id: string, script: Script, ctx: BotContext): View {
  const engine = ctx.store.current;
  const passage = engine.passage(id.trim());
  // What is echoed is cut and escaped: a pasted 5,000 characters must not come back whole, nor as markdown.
  if (!passage) throw passageIdError(id, engine.passages()[0]?.id ?? 'doc#p1.s1');
  const { previous, next } = engine.neighbours(passage.id);
  const count = engine.source.documents.find((d) => d.id === passage.doc)?.passages;
  return {
    embeds: [passageEmbed(passage, docIndex(engine.source), script, count ? { index: passage.order, count } : undefined)],
    components: passageButtons(
      previous ? passageRef(previous.id, ctx.refs) : null,
      next ? passageRef(next.id, ctx.refs) : null,
      script,
    ),
  };
}

/** A page of the figures about a topic (all figures for an empty topic) as a table. */
export function figuresView(topic: string, page: number, ctx: BotContext): View {
  checkLength(topic, ctx.settings.maxQuestionLength);
  const engine = ctx.store.current;
  const figures = engine.figures(withoutMentions(topic).trim() || undefined);
  const script = topic.trim() ? detectScript(topic) : 'simplified';
  const pages = Math.max(1, Math.ceil(figures.length / FIGURES_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const key = topic.trim() ? ctx.refs.remember(topic.trim()) : '-';
  return {
    embeds: [figuresEmbed(figures, docIndex(engine.source), { topic: topic.trim(), page: current, script })],
    components: figuresButtons(key, current, pages, script),
  };
}
