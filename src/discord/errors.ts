/** The Discord transport's own errors: what an operator or user is told when Discord, its gateway or an interaction refuses. */
import { BotError, fillTemplate } from '../core/errors.js';

/** Every Discord error code, with its message (simplified Chinese + English), as in core's catalog. */
export const DISCORD_ERRORS = {
  DM_DISABLED: '本机器人只在服务器频道里回答问题。 (This bot answers in server channels only.)',
  DISCORD_TOKEN_REJECTED: 'Discord 拒绝了这个令牌：请检查 DISCORD_TOKEN（开发者门户 → Bot → Reset Token）。 (Discord rejected the token: check DISCORD_TOKEN — Developer Portal → Bot → Reset Token.)',
  DISCORD_INTENT_DISABLED:
    'Discord 拒绝了 Message Content 特权意图：请在开发者门户 → Bot → Privileged Gateway Intents 中启用它，或在 config/bot.json 中设置 "messageContentIntent": false。 (Discord refused the Message Content intent: enable it under Developer Portal → Bot → Privileged Gateway Intents, or set "messageContentIntent": false in config/bot.json.)',
  DISCORD_GATEWAY_REFUSED: 'Discord 网关拒绝了连接（关闭码 {code}）。 (The Discord gateway refused the connection: close code {code}.)',
  DISCORD_MISSING_ACCESS:
    'Discord 拒绝访问（403）：机器人是否已加入 GUILD_ID 指定的服务器，并以 applications.commands 范围邀请？ (Discord refused access (403): is the bot in the GUILD_ID server, invited with the applications.commands scope?)',
  DISCORD_UNKNOWN_TARGET: 'Discord 找不到这个应用或服务器（404）：请检查 DISCORD_CLIENT_ID 和 GUILD_ID。 (Discord knows no such application or server (404): check DISCORD_CLIENT_ID and GUILD_ID.)',
  DISCORD_REFUSED: 'Discord 拒绝了请求（HTTP {status}）：{detail} (Discord refused the request (HTTP {status}): {detail})',
  DISCORD_UNREACHABLE: '无法连接 Discord（{reason}）：请检查网络连接或代理。 (Could not reach Discord ({reason}): check the network connection or proxy.)',
  DISCORD_SHARDING_REQUIRED: 'Discord 要求分片（关闭码 4011：机器人已加入约 2,500 个以上的服务器）：请设置 SHARDS=auto。 (Discord requires sharding (close code 4011: the bot is in about 2,500 servers or more): set SHARDS=auto.)',
  SHARD_COUNT_UNKNOWN: '无法从 Discord 获取推荐的分片数（{reason}）：请把 SHARDS 设为一个数字。 (Could not get the recommended shard count from Discord ({reason}): set SHARDS to a number.)',
  UNSUPPORTED_INTERACTION: '这个操作不受支持：请用斜杠命令或按钮提问。 (This action is not supported: please use a slash command or a button.)',
  BUTTON_EXPIRED: '这个按钮已过期，请重新提问。 (This button has expired: please ask again.)',
} as const;

/** A code of the Discord catalog. */
export type DiscordErrorCode = keyof typeof DISCORD_ERRORS;

/** A catalog error of the Discord transport (a BotError, so every boundary reports it as one). */
export function discordError(code: DiscordErrorCode, params: Record<string, string | number> = {}, options: { cause?: unknown } = {}): BotError<DiscordErrorCode> {
  return new BotError<DiscordErrorCode>(code, params, { ...options, catalog: DISCORD_ERRORS });
}

/** Fills a Discord catalog message's `{name}` placeholders. */
export function discordMessage(code: DiscordErrorCode, params: Record<string, string | number> = {}): string {
  return fillTemplate(DISCORD_ERRORS[code], params);
}
