/**
 * Main-thread work in slices: a long job (restoring a 100k-passage engine, the reload diff) checks a clock as it
 * goes and lets the event loop run whenever it has worked a few milliseconds, so Discord's events and timers
 * wait at most one slice instead of the whole job.
 */

/** Milliseconds of work between two turns of the event loop: well under the 50 ms loop-delay target. */
export const SLICE_MS = 8;

/** A clock for one sliced job: `due` says the slice is used up, `pause()` yields and starts the next one. */
export class Slicer {
  private start = performance.now();
  /** How many times the job let the event loop run. */
  pauses = 0;

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** True when this slice has worked its budget. */
  get due(): boolean {
    return performance.now() - this.start >= this.budgetMs;
  }

  /** Lets the event loop run once (setImmediate: after pending I/O and timers), then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.pauses++;
    this.start = performance.now();
  }

  /** Pauses only when the slice is used up (cheap to call in a loop every few hundred items). */
  async maybe(): Promise<void> {
    if (this.due) await this.pause();
  }
}
