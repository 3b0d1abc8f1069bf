/** Per-user cooldown between questions. */

/** The outcome of a cooldown check: allowed, or how many whole seconds remain. */
export type CooldownResult = { ok: true } | { ok: false; retryAfter: number };

/** Tracks when each user last asked; `seconds` 0 disables it. */
export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(
    readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks a user and, when allowed, starts their cooldown. */
  take(userId: string): CooldownResult {
    if (this.seconds <= 0) return { ok: true };
    const now = this.now();
    const until = (this.last.get(userId) ?? -Infinity) + this.seconds * 1000;
    if (now < until) return { ok: false, retryAfter: Math.max(1, Math.ceil((until - now) / 1000)) };
    this.last.set(userId, now);
    if (this.last.size > 10_000) this.prune(now);
    return { ok: true };
  }

  private prune(now: number): void {
    for (const [user, at] of this.last) if (at + this.seconds * 1000 <= now) this.last.delete(user);
  }
}
