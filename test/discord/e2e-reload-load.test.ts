/**
 * End to end through `npm start`'s wiring (run()): a /reload of a corpus grown to thousands of passages while
 * slash commands keep arriving. The build runs in a worker thread, so every interaction meanwhile is
 * acknowledged within Discord's 3 s (the strict fake refuses later ones with 10062), and the old index serves
 * until the swap.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningBot } from '../../src/discord/bot.js';
import { run } from '../../src/main.js';
import { FakeDiscord } from '../support/fake-discord.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** Copies of the seed article added before the reload: about 4,000 passages, seconds of build. */
const COPIES = 180;
let root = '';
let fake: FakeDiscord;
let bot: RunningBot | null = null;
const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wenda-reload-load-'));
  await cp(path.join(REPO, 'corpus'), path.join(root, 'corpus'), { recursive: true });
  await cp(path.join(REPO, 'config'), path.join(root, 'config'), { recursive: true });
  fake = await FakeDiscord.start();
  const env = { CORPUS_DIR: path.join(root, 'corpus'), CONFIG_DIR: path.join(root, 'config'), DATA_DIR: path.join(root, 'data'), DISCORD_TOKEN: 'FAKE.reload-load-token.0123456789', LOG_LEVEL: 'warn' };
  bot = await run({ env, cwd: root, stdout: sink(), logDestination: sink(), clientOptions: fake.clientOptions() });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
  await rm(root, { recursive: true, force: true });
});

test('interactions during a reload of thousands of passages are all acknowledged within 3 s', async () => {
  const seed = path.join(root, 'corpus', 'changji-industry-2024-12-10.txt');
  const text = await readFile(seed, 'utf8');
  for (let i = 0; i < COPIES; i++) await writeFile(path.join(root, 'corpus', `copy-${i}.txt`), text.replace('昌吉州', `昌吉州${i}号`));
  const before = bot!.context.store.current;

  const reload = fake.command('reload', {}, { permissions: '32' });
  const asked: string[] = [];
  let done = false;
  const edit = fake.editOf(reload, 120_000).finally(() => (done = true));
  // A question every 150 ms for as long as the reload runs.
  while (!done) {
    asked.push(fake.command(asked.length % 2 ? 'source' : 'ask', asked.length % 2 ? {} : { question: '昌吉州煤电装机多少？' }, { user: { id: String(10_000 + asked.length), username: `u${asked.length}` } }));
    await new Promise((r) => setTimeout(r, 150));
  }
  expect((await edit).body.embeds[0].description).toContain(`+${COPIES}`);
  await fake.until(() => (asked.every((id) => fake.interactions.get(id)!.ackedAt !== undefined || fake.interactions.get(id)!.refused.length > 0) ? true : undefined), 10_000);

  const late = asked.map((id) => fake.interactions.get(id)!).filter((r) => r.refused.length > 0 || r.ackedAt! - r.createdAt > 3000);
  expect(late).toEqual([]);
  // The test's own timer kept its pace too (a build on the main thread stalls it as well).
  expect(asked.length).toBeGreaterThan(5);
  expect(bot!.context.store.current).not.toBe(before);
  expect(bot!.context.store.current.source.documents).toHaveLength(COPIES + 1);
}, 180_000);
