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

test("an interaction's token in a logged DiscordAPIError's route is scrubbed, with no secret configured", async () => {
  const { DiscordAPIError } = await import('discord.js');
  // The shape discord.js's REST throws when a late reply is refused (10062 Unknown interaction).
  const interactionToken = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OmFiY2RlZg';
  const url = `https://discord.com/api/v10/interactions/123456789012345678/${interactionToken}/callback?with_response=false`;
  const followUp = `https://discord.com/api/v10/webhooks/987654321098765432/${interactionToken}/messages/@original`;
  const err = new DiscordAPIError({ code: 10062, message: 'Unknown interaction' }, 10062, 404, 'POST', url, { body: {} });
  const { lines, destination } = collect();
  const logger = createLogger('info', { destination });
  logger.warn({ err }, 'reply refused');
  logger.warn({ route: followUp }, 'edit refused');
  const all = lines.join('');
  expect(all).not.toContain(interactionToken);
  expect(all).toContain('/interactions/123456789012345678/[redacted]/callback');
  expect(all).toContain('/webhooks/987654321098765432/[redacted]/messages/@original');
  expect(JSON.parse(lines[0]!).err.code).toBe(10062);
});
