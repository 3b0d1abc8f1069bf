/**
 * Which conversation a Discord question continues, kept bounded (LRU, expiring) and on disk so
 * that a reply to an answer sent before a restart still reads as a follow-up.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Conversation } from '../core/conversation.js';
import { LruMap } from './text-refs.js';

/** How long a reply to an answer, or a question in a thread, may continue its conversation. */
export const REPLY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a question was asked: the channel (or thread), the user, and the bot answer it replies to. */
export interface QuestionPlace {
  channelId: string;
  userId: string;
  /** The message this one replies to, if any. */
  replyTo?: string | null;
  /** True in a thread: the thread is the conversation's place, whatever the time between questions. */
  inThread?: boolean;
}

interface Entry {
  conversation: Conversation;
  /** When it was last continued (ms since the epoch). */
  at: number;
}

/** Options: the follow-up window, the bound, the log file and the clock. */
export interface ConversationsOptions {
  /** Minutes within which the same user's next question in a channel continues (0: only replies and threads do). */
  followUpMinutes: number;
  /** Conversations kept (per user and channel, and per answer message). */
  max?: number;
  /** A JSON Lines log, read back at start. */
  file?: string;
  onError?: (error: unknown) => void;
  now?: () => number;
}

/**
 * The conversations of one bot: per user and channel (so two people asking at once never mix),
 * and per answer message (so a reply continues the conversation that answer belongs to).
 */
export class Conversations {
  private readonly entries: LruMap<string, Entry>;
  private readonly max: number;
  private readonly now: () => number;
  private pending: Promise<void> = Promise.resolve();
  private lines = 0;

  constructor(private readonly options: ConversationsOptions) {
    this.max = options.max ?? 5000;
    this.entries = new LruMap(this.max);
    this.now = options.now ?? Date.now;
    if (options.file) this.load(options.file);
  }

  /**
   * The conversation a question continues, or null for a fresh one: the answer it replies to,
   * else the user's conversation in this thread, else the user's in this channel within
   * `followUpMinutes`.
   */
  continued(place: QuestionPlace): Conversation | null {
    const now = this.now();
    if (place.replyTo) {
      const byAnswer = this.fresh(`m:${place.replyTo}`, REPLY_TTL_MS, now);
      if (byAnswer) return byAnswer;
    }
    const window = place.inThread ? REPLY_TTL_MS : this.options.followUpMinutes * 60_000;
    if (window <= 0) return null;
    return this.fresh(userKey(place), window, now);
  }

  /** Records the user's conversation in this channel after a question (before the answer is sent: its time is the question's). */
  record(place: QuestionPlace, conversation: Conversation): void {
    this.put(userKey(place), { conversation, at: this.now() });
  }

  /** Records the conversation an answer message belongs to, so replies to it continue it. */
  recordAnswer(answerMessageId: string, conversation: Conversation): void {
    this.put(`m:${answerMessageId}`, { conversation, at: this.now() });
  }

  /** Resolves when every record so far is in the log file. */
  settled(): Promise<void> {
    return this.pending;
  }

  /** How many conversations are held. */
  get size(): number {
    return this.entries.size;
  }

  private fresh(key: string, ttl: number, now: number): Conversation | null {
    const entry = this.entries.get(key);
    return entry && now - entry.at <= ttl ? entry.conversation : null;
  }

  private put(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    const file = this.options.file;
    if (!file) return;
    this.lines++;
    const line = `${JSON.stringify({ k: key, c: entry.conversation, t: entry.at })}\n`;
    this.enqueue(() => appendFile(file, line, 'utf8'));
    if (this.lines > 2 * this.max) this.compact(file);
  }

  private enqueue(write: () => Promise<void>): void {
    this.pending = this.pending.then(write).catch((error: unknown) => this.options.onError?.(error));
  }

  /** Rewrites the log with the conversations kept (tmp file, then rename): it stays bounded. */
  private compact(file: string): void {
    const kept = [...this.entries.entries()].map(([k, e]) => `${JSON.stringify({ k, c: e.conversation, t: e.at })}\n`).join('');
    this.lines = this.entries.size;
    this.enqueue(async () => {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, kept, 'utf8');
      await rename(tmp, file);
    });
  }

  /** Reads the log (later lines win; torn, foreign and expired lines skipped), compacting it when it has grown. */
  private load(file: string): void {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      if (!existsSync(file)) return;
      const now = this.now();
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        this.lines++;
        try {
          const o = JSON.parse(line) as { k?: unknown; c?: { turns?: unknown }; t?: unknown };
          if (typeof o.k !== 'string' || typeof o.t !== 'number' || !Array.isArray(o.c?.turns)) continue;
          if (now - o.t > REPLY_TTL_MS) continue;
          const turns = (o.c.turns as unknown[]).filter((t): t is Conversation['turns'][number] => typeof (t as { understood?: unknown })?.understood === 'string');
          this.entries.set(o.k, { conversation: { turns }, at: o.t });
        } catch {
          // A torn line (a crash mid-write) costs that one conversation.
        }
      }
      if (this.lines > 2 * this.max) this.compact(file);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

function userKey(place: QuestionPlace): string {
  return `u:${place.channelId}:${place.userId}`;
}
