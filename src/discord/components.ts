/** Buttons under the bot's messages; their state lives in the custom_id (≤ 100 characters), long texts by short key. */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { Engine, Script } from '../core/types.js';
import { toScript } from '../core/text.js';
import { keyOf, type TextRefs } from './text-refs.js';
import { UI, say } from '../messages.js';

/** An action row of buttons, as sent to Discord. */
export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** A parsed custom_id. */
export type ButtonAction =
  | { kind: 'more'; questionKey: string }
  | { kind: 'page'; page: number; questionKey: string }
  | { kind: 'show'; script: Script; passageRef: string }
  | { kind: 'fb'; vote: 'up' | 'down'; questionKey: string; passageRef: string }
  | { kind: 'nav'; script: Script; passageRef: string }
  | { kind: 'figs'; page: number; topicKey: string };

/** The longest passage id written into a custom_id as is; longer ones go by key. */
const INLINE_ID_MAX = 60;

/** A custom_id-safe reference to a passage: the id itself when short, `~key` otherwise. */
export function passageRef(id: string, refs: TextRefs): string {
  if (id.length <= INLINE_ID_MAX && !id.startsWith('~')) return id;
  return '~' + refs.remember(id);
}

/** The passage id a reference names: inline, remembered, or found again by its key among the engine's passages. */
export function resolvePassageRef(ref: string, refs: TextRefs, engine: Engine): string | null {
  if (!ref.startsWith('~')) return ref;
  const key = ref.slice(1);
  return refs.recall(key) ?? engine.passages().find((p) => keyOf(p.id) === key)?.id ?? null;
}

/** Encodes a button action as a custom_id. */
export function encodeAction(a: ButtonAction): string {
  let id: string;
  switch (a.kind) {
    case 'more':
      id = `more:${a.questionKey}`;
      break;
    case 'page':
      id = `page:${a.page}:${a.questionKey}`;
      break;
    case 'show':
      id = `show:${a.script[0]}:${a.passageRef}`;
      break;
    case 'fb':
      id = `fb:${a.vote}:${a.questionKey}:${a.passageRef}`;
      break;
    case 'nav':
      id = `nav:${a.script[0]}:${a.passageRef}`;
      break;
    case 'figs':
      id = `figs:${a.page}:${a.topicKey}`;
      break;
  }
  if (id.length > 100) throw new RangeError(`custom_id longer than 100 characters: ${id.length}`);
  return id;
}

/** Parses a custom_id made by encodeAction; null for anything else. */
export function decodeAction(customId: string): ButtonAction | null {
  const [kind, ...rest] = customId.split(':');
  const page = (s: string | undefined) => (s !== undefined && /^\d{1,4}$/.test(s) ? Number(s) : NaN);
  switch (kind) {
    case 'more':
      return rest.length === 1 && rest[0] ? { kind, questionKey: rest[0] } : null;
    case 'page': {
      const p = page(rest[0]);
      return Number.isNaN(p) || !rest[1] ? null : { kind, page: p, questionKey: rest[1] };
    }
    case 'show':
    case 'nav': {
      const script: Script | null = rest[0] === 's' ? 'simplified' : rest[0] === 't' ? 'traditional' : null;
      const ref = rest.slice(1).join(':');
      return !script || !ref ? null : { kind, script, passageRef: ref };
    }
    case 'fb': {
      const vote = rest[0];
      if ((vote !== 'up' && vote !== 'down') || !rest[1] || rest.length < 3) return null;
      return { kind, vote, questionKey: rest[1], passageRef: rest.slice(2).join(':') };
    }
    case 'figs': {
      const p = page(rest[0]);
      return Number.isNaN(p) || !rest[1] ? null : { kind, page: p, topicKey: rest[1] };
    }
    default:
      return null;
  }
}

function button(label: string, customId: string, options: { style?: ButtonStyle; disabled?: boolean; emoji?: string } = {}): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: (options.style ?? ButtonStyle.Secondary) as ButtonStyle.Secondary,
    label: label.slice(0, 80),
    custom_id: customId,
    ...(options.disabled ? { disabled: true } : {}),
  };
}

function row(components: APIButtonComponent[]): ButtonRow {
  return { type: ComponentType.ActionRow, components };
}

/** The buttons under an answer: more results (an ephemeral second page), show passage, 👍, 👎. */
export function answerButtons(questionKey: string, bestRef: string | null, script: Script): ButtonRow[] {
  const buttons = [button(say(UI.moreResults, script), encodeAction({ kind: 'more', questionKey }), { style: ButtonStyle.Primary })];
  if (bestRef) {
    buttons.push(button(say(UI.showPassage, script), encodeAction({ kind: 'show', script, passageRef: bestRef })));
    buttons.push(button('👍', encodeAction({ kind: 'fb', vote: 'up', questionKey, passageRef: bestRef }), { style: ButtonStyle.Success }));
    buttons.push(button('👎', encodeAction({ kind: 'fb', vote: 'down', questionKey, passageRef: bestRef }), { style: ButtonStyle.Danger }));
  }
  return [row(buttons)];
}

/** The buttons under a page of search results: one "show" per passage, then previous / next page (updating the message). */
export function searchButtons(questionKey: string, page: number, pages: number, firstNumber: number, refs: readonly string[], script: Script): ButtonRow[] {
  const rows: ButtonRow[] = [];
  const shows = refs.map((ref, i) => button(`${toScript(UI.passageButton, script)} ${firstNumber + i}`, encodeAction({ kind: 'show', script, passageRef: ref })));
  for (let i = 0; i < shows.length && rows.length < 2; i += 5) rows.push(row(shows.slice(i, i + 5)));
  rows.push(
    row([
      button(say(UI.previousPage, script), encodeAction({ kind: 'page', page: Math.max(0, page - 1), questionKey }), { disabled: page <= 0 }),
      button(say(UI.nextPage, script), encodeAction({ kind: 'page', page: page + 1, questionKey }), { disabled: page + 1 >= pages }),
    ]),
  );
  return rows;
}

/** The buttons under a passage: its neighbours in the document. */
export function passageButtons(previousRef: string | null, nextRef: string | null, script: Script): ButtonRow[] {
  return [
    row([
      previousRef
        ? button(say(UI.previousPassage, script), encodeAction({ kind: 'nav', script, passageRef: previousRef }))
        : button(say(UI.previousPassage, script), 'noop:previous', { disabled: true }),
      nextRef
        ? button(say(UI.nextPassage, script), encodeAction({ kind: 'nav', script, passageRef: nextRef }))
        : button(say(UI.nextPassage, script), 'noop:next', { disabled: true }),
    ]),
  ];
}

/** The buttons under a page of the figures table. */
export function figuresButtons(topicKey: string, page: number, pages: number, script: Script): ButtonRow[] {
  if (pages <= 1) return [];
  return [
    row([
      button(say(UI.previousPage, script), encodeAction({ kind: 'figs', page: Math.max(0, page - 1), topicKey }), { disabled: page <= 0 }),
      button(say(UI.nextPage, script), encodeAction({ kind: 'figs', page: page + 1, topicKey }), { disabled: page + 1 >= pages }),
    ]),
  ];
}
