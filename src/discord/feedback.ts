/** The 👍/👎 feedback log: JSON Lines in `<dataDir>/feedback.jsonl`, summarised for moderators by /source. */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Feedback totals shown to moderators by /source. */
export interface FeedbackSummary {
  up: number;
  down: number;
  /** Questions with the most 👎, most first. */
  worst: Array<{ question: string; down: number }>;
}

/** One feedback click, as written to the log (no secrets: ids, the question and the vote). */
export interface FeedbackEntry {
  at: string;
  vote: 'up' | 'down';
  userId: string;
  guildId: string | null;
  channelId: string | null;
  messageId: string;
  /** The question answered, when still remembered. */
  question: string | null;
  /** The best passage of the answer, when known. */
  passage: string | null;
}

/** Appends feedback to a JSON Lines file and summarises it. */
export class FeedbackLog {
  /** The log file's path. */
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'feedback.jsonl');
  }

  /** Appends one entry (creating the folder on first use). */
  async record(entry: FeedbackEntry): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify(entry) + '\n', 'utf8');
  }

  /** Totals of the latest vote of each user on each answer, and the questions with most 👎. */
  async summary(): Promise<FeedbackSummary> {
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { up: 0, down: 0, worst: [] };
      throw error;
    }
    const latest = new Map<string, FeedbackEntry>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as FeedbackEntry;
        if (e.vote === 'up' || e.vote === 'down') latest.set(`${e.messageId}:${e.userId}`, e);
      } catch {
        // A torn line (crash mid-write) is skipped, not fatal.
      }
    }
    let up = 0;
    let down = 0;
    const downs = new Map<string, number>();
    for (const e of latest.values()) {
      if (e.vote === 'up') up++;
      else {
        down++;
        if (e.question) downs.set(e.question, (downs.get(e.question) ?? 0) + 1);
      }
    }
    const worst = [...downs].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([question, n]) => ({ question, down: n }));
    return { up, down, worst };
  }
}
