/** Work a running bot defers (removing a cooldown notice), cancelled all at once when it stops. */

/** Runs callbacks after a delay; `cancelAll` drops what has not run. Tests inject their own. */
export interface Later {
  after(ms: number, fn: () => void): void;
  cancelAll(): void;
}

/** The default: timers that do not keep the process alive. */
export function timerLater(): Later {
  const timers = new Set<NodeJS.Timeout>();
  return {
    after(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timer.unref();
      timers.add(timer);
    },
    cancelAll() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
