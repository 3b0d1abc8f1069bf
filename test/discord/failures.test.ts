/** Turning a failed Discord call into a catalog error, or leaving a bug alone. */
import { describe, expect, it } from 'vitest';
import { BotError } from '../../src/core/errors.js';
import { explainDiscordFailure, explainGatewayClose } from '../../src/discord/failures.js';

describe('explainDiscordFailure', () => {
  it('passes catalog errors through and leaves bugs alone (they keep their stack)', () => {
    const catalog = new BotError('CONFIG_INVALID', { reason: 'x' });
    expect(explainDiscordFailure(catalog)).toBe(catalog);
    expect(explainDiscordFailure(new RangeError('bug'))).toBeUndefined();
    expect(explainDiscordFailure(undefined)).toBeUndefined();
  });
  it("finds a network code anywhere in the cause chain (undici's fetch failed → cause → code)", () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) });
    expect(explainDiscordFailure(error)).toMatchObject({ code: 'DISCORD_UNREACHABLE', params: { reason: 'ENOTFOUND' } });
    expect(explainDiscordFailure(new TypeError('fetch failed'))).toMatchObject({ code: 'DISCORD_UNREACHABLE', params: { reason: 'fetch failed' } });
    expect(explainDiscordFailure(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toMatchObject({ params: { reason: 'timeout' } });
  });
  it('maps discord.js TokenInvalid to the token advice', () => {
    expect(explainDiscordFailure(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }))?.code).toBe('DISCORD_TOKEN_REJECTED');
  });
});

describe('explainGatewayClose', () => {
  it('explains the closes discord.js does not recover from, and only those', () => {
    expect(explainGatewayClose(4004)?.code).toBe('DISCORD_TOKEN_REJECTED');
    expect(explainGatewayClose(4014)?.code).toBe('DISCORD_INTENT_DISABLED');
    expect(explainGatewayClose(4013)).toMatchObject({ code: 'DISCORD_GATEWAY_REFUSED', params: { code: 4013 } });
    // 4011: the bot outgrew one connection (about 2,500 servers): the error names the setting that fixes it.
    expect(explainGatewayClose(4011)?.code).toBe('DISCORD_SHARDING_REQUIRED');
    expect(explainGatewayClose(4011)?.message).toContain('SHARDS=auto');
    for (const resumable of [1000, 1006, 4000, 4009]) expect(explainGatewayClose(resumable)).toBeUndefined();
  });
});
