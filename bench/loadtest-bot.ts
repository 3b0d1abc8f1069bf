/**
 * The bot side of `npm run loadtest`: the real `run()` of src/main.ts (worker builds, snapshot, discord.js)
 * in its own process, pointed at the strict fake by DISCORD_API_URL, plus what only this process can measure:
 * its event-loop delay (perf_hooks.monitorEventLoopDelay), over the whole run and between the driver's
 * reload marks, and its RSS. Talks to the driver over the IPC channel.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { run } from '../src/main.js';

const send = (m: object) => process.send!(m);
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
const summary = (h: IntervalHistogram) => ({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), samples: h.count });

async function main(): Promise<void> {
  const bot = await run({
    // Short REST timeout: a slow answer is retried after 2 s instead of discord.js's 15 s.
    clientOptions: {
      rest: { timeout: Number(process.env.LOADTEST_REST_TIMEOUT ?? 2000), retries: 3 },
      ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) } as never,
      waitGuildTimeout: 1000,
    },
  });
  if (!bot) throw new Error('no DISCORD_TOKEN: nothing to load-test');
  const whole = monitorEventLoopDelay({ resolution: 10 });
  whole.enable();
  let reload: IntervalHistogram | undefined;
  send({ type: 'ready', rss: process.memoryUsage().rss });
  process.on('message', (m: { type: string }) => {
    if (m.type === 'reload-start') {
      reload = monitorEventLoopDelay({ resolution: 10 });
      reload.enable();
    } else if (m.type === 'reload-end') {
      reload?.disable();
    } else if (m.type === 'report') {
      whole.disable();
      send({ type: 'report', rss: process.memoryUsage().rss, loop: summary(whole), reloadLoop: reload ? summary(reload) : null });
    } else if (m.type === 'stop') {
      void bot.stop().finally(() => process.exit(0));
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`loadtest bot: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
