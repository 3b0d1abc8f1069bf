/** Why talking to Discord failed, as a catalog error an operator can act on (bad token, intents, network). */
import { DiscordAPIError, GatewayCloseCodes } from 'discord.js';
import { BotError } from '../core/errors.js';
import { discordError } from './errors.js';

/** Error codes of a connection that never reached Discord (Node's and undici's). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/** The `code` of an error or of any error in its `cause` chain that names a network failure. */
function networkCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  }
  return undefined;
}

/**
 * The catalog error for a failed Discord call (REST or login), or undefined for anything else
 * (a bug, which should surface with its stack).
 */
export function explainDiscordFailure(error: unknown): BotError | undefined {
  if (error instanceof BotError) return error;
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | null;
  // discord.js turns a 401 on login into TokenInvalid; REST calls surface the 401 itself.
  if (e?.code === 'TokenInvalid' || (error instanceof DiscordAPIError && error.status === 401)) return discordError('DISCORD_TOKEN_REJECTED', {}, { cause: error });
  if (error instanceof DiscordAPIError) {
    if (error.status === 403) return discordError('DISCORD_MISSING_ACCESS', {}, { cause: error });
    if (error.status === 404) return discordError('DISCORD_UNKNOWN_TARGET', {}, { cause: error });
    return discordError('DISCORD_REFUSED', { status: error.status, detail: error.message }, { cause: error });
  }
  // @discordjs/ws rejects login() with these when the gateway closes with 4004 / 4014 (bot.ts
  // normally sees the close itself first).
  if (e?.message === 'Authentication failed') return discordError('DISCORD_TOKEN_REJECTED', {}, { cause: error });
  if (e?.message === 'Used disallowed intents') return discordError('DISCORD_INTENT_DISABLED', {}, { cause: error });
  const code = networkCode(error);
  if (code) return discordError('DISCORD_UNREACHABLE', { reason: code }, { cause: error });
  // undici's bare "fetch failed" (its cause names no known code) and @discordjs/rest's timeout abort.
  if (e?.name === 'AbortError') return discordError('DISCORD_UNREACHABLE', { reason: 'timeout' }, { cause: error });
  if (error instanceof TypeError && e?.message === 'fetch failed') return discordError('DISCORD_UNREACHABLE', { reason: 'fetch failed' }, { cause: error });
  return undefined;
}

/** The catalog error for a gateway close code after which discord.js will not reconnect, or undefined. */
export function explainGatewayClose(code: number): BotError | undefined {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return discordError('DISCORD_TOKEN_REJECTED');
    case GatewayCloseCodes.DisallowedIntents:
      return discordError('DISCORD_INTENT_DISABLED');
    case GatewayCloseCodes.ShardingRequired:
      // The one refusal an operator fixes with a setting: say which.
      return discordError('DISCORD_SHARDING_REQUIRED');
    case GatewayCloseCodes.InvalidShard:
    case GatewayCloseCodes.InvalidAPIVersion:
    case GatewayCloseCodes.InvalidIntents:
      return discordError('DISCORD_GATEWAY_REFUSED', { code });
    default:
      return undefined;
  }
}

/** Discord's refusal of an acknowledgement: 40060 a second one (a retried request had arrived), 10062 one after the 3 s deadline. */
export function ackRefusal(error: unknown): 40060 | 10062 | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  return error.code === 40060 || error.code === 10062 ? error.code : undefined;
}
