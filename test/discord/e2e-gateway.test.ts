/** End to end through the real discord.js client: the gateway drops and the bot resumes and keeps answering. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';

const QUESTION = '昌吉州煤电装机多少？';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Asks by mention and returns the reply's embed. */
async function ask(): Promise<any> {
  const id = h.fake.postMessage(QUESTION, { mention: true });
  return (await h.fake.replyTo(id, 10_000)).body.embeds[0];
}

test('close 4000: the client resumes the session and the next question is answered', async () => {
  const before = await ask();
  const at = Date.now();
  h.fake.closeGateway(4000);
  const resume = await h.fake.waitForGatewayOp(6, at, 10_000);
  expect(resume.d.token).toBe(h.token);
  await h.fake.until(() => (h.bot.client.ws.status === 0 ? true : undefined), 5000, 'client ready again');
  expect(await ask()).toEqual(before);
  expect(h.fake.gatewayReceived.filter((p) => p.op === 2 && p.at >= at)).toEqual([]);
});

test('an abrupt drop (no close frame): the client resumes and the next question is answered', async () => {
  const before = await ask();
  const at = Date.now();
  h.fake.dropGateway();
  await h.fake.waitForGatewayOp(6, at, 10_000);
  await h.fake.until(() => (h.bot.client.ws.status === 0 ? true : undefined), 5000, 'client ready again');
  expect(await ask()).toEqual(before);
});

test('close 1000 (session ended): the client identifies anew and answers', async () => {
  const at = Date.now();
  h.fake.closeGateway(1000);
  await h.fake.waitForGatewayOp(2, at, 10_000);
  await h.fake.until(() => (h.bot.client.ws.status === 0 ? true : undefined), 5000, 'client ready again');
  expect((await ask()).description).toContain(h.store.current.answer(QUESTION).answer);
});

test('disconnects are logged, without the token', () => {
  const lines = h.logs.map((l) => JSON.parse(l));
  expect(lines.some((l) => l.msg === 'gateway resumed')).toBe(true);
  expect(h.logs.join('')).not.toContain(h.token);
});
