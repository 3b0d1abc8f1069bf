/** End to end: the buttons of an answer sent before a restart still work after it (their texts are on disk). */
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EXPIRED } from '../../src/discord/buttons.js';
import type { RunningBot } from '../../src/discord/bot.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { button, customIds } from '../support/markdown.js';

const QUESTION = '昌吉州煤电装机多少？';
const EPHEMERAL = 64;
let h: Harness;
let second: RunningBot | undefined;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await second?.stop();
  await h?.fake.stop();
  if (h) await rm(h.root, { recursive: true, force: true });
});

test('the texts behind an answer\'s buttons are on disk when the answer reaches Discord (a crash right after loses none)', async () => {
  const file = path.join(h.dataDir, 'button-texts.jsonl');
  const missing: string[] = [];
  let seen = 0;
  // Read at the moment each reply arrives, as a SIGKILL right then would leave the file.
  h.fake.observe((r) => {
    const keys = customIds(r.body?.data?.components ?? r.body?.components).filter((c) => c.startsWith('more:')).map((c) => c.slice(5));
    if (keys.length === 0) return;
    seen++;
    const onDisk = existsSync(file) ? readFileSync(file, 'utf8') : '';
    for (const k of keys) if (!onDisk.includes(`"k":"${k}"`)) missing.push(k);
  });
  const questions = Array.from({ length: 16 }, (_, i) => `昌吉州煤电装机多少？第${i}问`);
  const ids = questions.map((q, i) => (i % 2 ? h.fake.postMessage(q, { mention: true }) : h.fake.command('ask', { question: q })));
  await h.fake.until(() => (seen >= ids.length ? true : undefined), 10_000, 'every answer');
  expect(missing).toEqual([]);
});

test('"more results" on an answer sent by the previous process opens page 2, not "expired"', async () => {
  const id = h.fake.command('ask', { question: QUESTION });
  const cb = await h.fake.callbackOf(id);
  const more = button(cb.body.data.components, 'more:');
  const message = h.fake.responseOf(id);

  // The first process stops (as on a deploy); a new one starts on the same data folder.
  second = await h.restart();

  const res = await h.fake.callbackOf(h.fake.click(message, more.custom_id));
  expect(res.body.data.content).not.toBe(EXPIRED);
  expect(res.body.data.flags).toBe(EPHEMERAL);
  expect(res.body.data.embeds[0].footer.text).toContain('page 2/');
});
