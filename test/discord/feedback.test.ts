/** Unit tests of the feedback log and its summary. */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FeedbackLog, type FeedbackEntry } from '../../src/discord/feedback.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const entry = (vote: 'up' | 'down', userId: string, messageId: string, question: string): FeedbackEntry => ({
  at: new Date(0).toISOString(), vote, userId, guildId: 'g', channelId: 'c', messageId, question, passage: 'doc#p1.s1',
});

test('records JSON lines (creating the folder) and summarises the latest vote of each user per answer', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'feedback-'));
  const log = new FeedbackLog(path.join(dir, 'nested', 'data'));
  expect(await log.summary()).toEqual({ up: 0, down: 0, worst: [] });
  await log.record(entry('up', 'u1', 'm1', 'q1'));
  await log.record(entry('down', 'u1', 'm1', 'q1')); // changed their mind: counts once, as down
  await log.record(entry('down', 'u2', 'm1', 'q1'));
  await log.record(entry('down', 'u2', 'm2', 'q2'));
  await log.record(entry('up', 'u3', 'm2', 'q2'));
  await appendFile(log.file, '{"torn line\n');
  const lines = (await readFile(log.file, 'utf8')).trim().split('\n');
  expect(lines).toHaveLength(6);
  expect(JSON.parse(lines[0]!)).toEqual(entry('up', 'u1', 'm1', 'q1'));
  expect(await log.summary()).toEqual({ up: 1, down: 3, worst: [{ question: 'q1', down: 2 }, { question: 'q2', down: 1 }] });
});
