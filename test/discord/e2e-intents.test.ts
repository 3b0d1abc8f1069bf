/** End to end: without the Message Content intent the bot still answers mentions and slash commands. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { sleep } from '../support/fake-discord.js';

const QUESTION = '昌吉州煤电装机多少？';
const MESSAGE_CONTENT = 1 << 15;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ messageContentIntent: false });
});
afterAll(async () => {
  await h?.stop();
});

test('the Message Content intent is not requested', () => {
  const identify = h.fake.gatewayReceived.find((p) => p.op === 2)!;
  expect(identify.d.intents & MESSAGE_CONTENT).toBe(0);
});

test('a mention (Discord still sends its content) and /ask are answered', async () => {
  const id = h.fake.postMessage(QUESTION, { mention: true });
  expect((await h.fake.replyTo(id)).body.embeds).toHaveLength(1);
  const cb = await h.fake.callbackOf(h.fake.command('ask', { question: QUESTION }));
  expect(cb.body.data.embeds).toHaveLength(1);
});

test('a Q&A-channel message arriving without content (as Discord sends it without the intent) is ignored quietly', async () => {
  const at = Date.now();
  h.fake.postMessage('', { channelId: h.fake.qaChannelId });
  await sleep(300);
  // Only what goes to the Q&A channel counts: a late request of the test before (on a loaded
  // machine) must not fail this one.
  expect(h.fake.requestsSince(at, (r) => r.method === 'POST' && r.path.includes(h.fake.qaChannelId))).toEqual([]);
});
