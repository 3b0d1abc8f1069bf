/** Unit tests of the bounded state behind buttons, and its log across restarts. */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, test } from 'vitest';
import { LruMap, TextRefs, keyOf } from '../../src/discord/text-refs.js';

test('LruMap keeps the most recently used entries', () => {
  const m = new LruMap<string, number>(2);
  m.set('a', 1);
  m.set('b', 2);
  expect(m.get('a')).toBe(1); // a is now the most recent
  m.set('c', 3);
  expect(m.get('b')).toBeUndefined();
  expect(m.get('a')).toBe(1);
  expect(m.get('c')).toBe(3);
  expect(m.size).toBe(2);
});

test('TextRefs gives short custom_id-safe keys and recalls them', () => {
  const refs = new TextRefs();
  const q = '昌吉州'.repeat(300);
  const key = refs.remember(q);
  expect(key).toBe(keyOf(q));
  expect(key).toMatch(/^[A-Za-z0-9_-]{12}$/);
  expect(refs.recall(key)).toBe(q);
  expect(refs.recall('nope')).toBeUndefined();
});

describe('TextRefs with a log file', () => {
  let dir: string;
  const errors: unknown[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wenda-refs-'));
    errors.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const log = () => ({ file: path.join(dir, 'data', 'button-texts.jsonl'), onError: (e: unknown) => void errors.push(e) });

  it('recalls, after a restart, the texts remembered before it (each written once)', async () => {
    const before = new TextRefs(10, log());
    const key = before.remember('昌吉州煤电装机多少？');
    before.remember('昌吉州煤电装机多少？');
    await before.settled();
    expect(readFileSync(log().file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(new TextRefs(10, log()).recall(key)).toBe('昌吉州煤电装机多少？');
    expect(errors).toEqual([]);
  });

  it('skips torn and foreign lines instead of failing', async () => {
    const good = new TextRefs(10, log());
    const key = good.remember('风电');
    await good.settled();
    appendFileSync(log().file, '{"k":"AAAAAAAAAAAA","t":"not its key"}\n{"k":"torn');
    const after = new TextRefs(10, log());
    expect(after.recall(key)).toBe('风电');
    expect(after.recall('AAAAAAAAAAAA')).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('at start, keeps the newest `max` texts of a long log and rewrites it with them', async () => {
    // A log longer than twice `max` (e.g. written with a larger `max` before).
    mkdirSync(path.dirname(log().file), { recursive: true });
    const texts = ['一', '二', '三', '四', '五', '六', '七'];
    appendFileSync(log().file, texts.map((t) => JSON.stringify({ k: keyOf(t), t }) + '\n').join(''));
    const refs = new TextRefs(3, log());
    await refs.settled();
    expect(texts.map((t) => refs.recall(keyOf(t)) ?? null)).toEqual([null, null, null, null, '五', '六', '七']);
    expect(readFileSync(log().file, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('stays bounded while running: past twice `max` lines it is rewritten with the texts kept', async () => {
    const refs = new TextRefs(3, log());
    const keys = ['一', '二', '三', '四', '五', '六', '七', '八'].map((t) => refs.remember(t));
    await refs.settled();
    // 7 lines made it compact to the 3 kept (五 六 七); 八 was appended after: 4 lines, not 8.
    expect(readFileSync(log().file, 'utf8').trim().split('\n')).toHaveLength(4);
    const reopened = new TextRefs(3, log());
    expect(keys.map((k) => reopened.recall(k) ?? null)).toEqual([null, null, null, null, null, '六', '七', '八']);
  });

  it('a log it cannot write reports the error and the bot keeps its texts in memory', async () => {
    // A folder where the file should be: appending fails.
    mkdirSync(log().file, { recursive: true });
    const refs = new TextRefs(10, log());
    const key = refs.remember('问题');
    await refs.settled();
    expect(refs.recall(key)).toBe('问题');
    expect(errors.length).toBeGreaterThan(0);
  });
});
