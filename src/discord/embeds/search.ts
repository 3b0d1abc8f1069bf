/** The search embed: one page of ranked passages with citations. */
import type { APIEmbed } from 'discord.js';
import type { SearchResult } from '../../core/types.js';
import { LIMITS, clampEmbed, joinWithin, truncate } from '../limits.js';
import { escapeText, highlightWithin } from '../markup.js';
import { COLOURS, citation, type DocIndex } from './common.js';
import { UI, say } from '../../messages.js';

/** One page of search results as a numbered list with citations; `page` is 0-based. */
export function searchEmbed(result: SearchResult, docs: DocIndex, page: number, pageSize: number): APIEmbed {
  const s = result.script;
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const lines = result.passages.map((p, i) => {
    const n = page * pageSize + i + 1;
    return `**${n}.** ${highlightWithin(p.text, p.matched, s, 300)}\n${citation(n, p.id, docs, p.doc, s)}`;
  });
  const description =
    lines.length > 0 ? joinWithin(lines, LIMITS.embedDescription, '\n\n') : say(UI.noPassageMatched, s);
  return clampEmbed({
    color: result.passages.length > 0 ? COLOURS.ok : COLOURS.warn,
    title: truncate(`${say(UI.search, s)} ${escapeText(result.query)}`, LIMITS.embedTitle),
    description,
    footer: { text: say(UI.searchPage(page + 1, pages, result.total), s) },
  });
}
