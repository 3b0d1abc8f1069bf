/** What every Discord handler needs: the store, the settings, the logger and the small shared state. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Engine, ReloadReport } from '../core/types.js';
import type { Conversations } from './conversations.js';
import type { Cooldown } from './cooldown.js';
import type { FeedbackLog } from './feedback.js';
import type { Later } from './later.js';
import type { TextRefs } from './text-refs.js';

/** The part of the EngineStore the transport uses (the store of src/core/engine-store.ts satisfies it). */
export interface StoreLike {
  readonly current: Engine;
  readonly lastReload: { at: string; report: ReloadReport } | null;
  reload(): Promise<ReloadReport>;
}

/** The bot settings from `config/bot.json`. */
export type BotSettings = Config['bot'];

/** Shared by all handlers of one running bot. */
export interface BotContext {
  readonly store: StoreLike;
  readonly settings: BotSettings;
  readonly logger: Logger;
  readonly cooldown: Cooldown;
  readonly feedback: FeedbackLog;
  readonly refs: TextRefs;
  /** Deferred work (cooldown notices removing themselves), cancelled on stop. */
  readonly later: Later;
  /** Follow-up questions: which conversation a question continues (absent: every question stands alone). */
  readonly conversations?: Conversations;
}
