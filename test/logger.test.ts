/** The logger never writes the token, whatever the shape it comes in. */
import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { createLogger } from '../src/logger.js';

/** A destination that keeps every line the logger writes. */
function collect(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, destination };
}

test('the token is scrubbed from fields, messages, errors and nested objects', () => {
  const token = 'MTAxNzQ.secret-token-value.xyz123';
  const { lines, destination } = collect();
  const logger = createLogger('info', { secrets: [token], destination });
  logger.info({ token }, 'a field');
  logger.info({ config: { token, other: 1 } }, 'nested');
  logger.info({ headers: { authorization: `Bot ${token}` } }, 'header');
  logger.info(`in the message ${token}`);
  logger.error({ err: new Error(`failed with ${token}`) }, 'an error');
  logger.info({ note: 'quoted "' + token + '"' }, 'escaped');
  expect(lines).toHaveLength(6);
  const all = lines.join('');
  expect(all).not.toContain(token);
  expect(all).not.toContain('secret-token-value');
  expect(all).toContain('[redacted]');
  expect(JSON.parse(lines[1]!).config.other).toBe(1);
});

test('below the level nothing is written', () => {
  const { lines, destination } = collect();
  createLogger('warn', { destination }).info('hidden');
  expect(lines).toEqual([]);
});

test('pretty: one line per entry (time, level, message, key=value), the token still scrubbed', () => {
  const token = 'MTAxNzQ.secret-token-value.xyz123';
  const { lines, destination } = collect();
  const logger = createLogger('info', { secrets: [token], destination, pretty: true });
  logger.warn({ file: 'empty.txt', reason: `two words ${token}` }, 'document skipped');
  logger.error({ err: new Error('disk full\nsecond line') }, 'write failed');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN  document skipped file=empty\.txt reason="two words \[redacted\]"\n$/);
  expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d ERROR write failed err="disk full\\nsecond line"\n$/);
});
