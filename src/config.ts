/** Configuration: environment (dotenv) and `config/bot.json`, validated once into a frozen object. */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BotError } from './core/errors.js';

const BotFileSchema = z
  .object({
    /** Channel ids where every message is treated as a question (needs the Message Content intent). */
    qaChannels: z.array(z.string().regex(/^\d+$/)).default([]),
    /** Role ids allowed to /reload besides members with Manage Server. */
    moderatorRoles: z.array(z.string().regex(/^\d+$/)).default([]),
    /** Seconds a user waits between two questions. */
    cooldownSeconds: z.number().min(0).max(3600).default(5),
    /** Answer direct messages (true) or refuse them politely (false). */
    allowDMs: z.boolean().default(false),
    /** Longest question accepted, in characters. */
    maxQuestionLength: z.number().int().min(10).max(4000).default(500),
    /** Whether the Message Content intent is requested (must also be enabled in the developer portal). */
    messageContentIntent: z.boolean().default(true),
    /** Passages per page of results. */
    pageSize: z.number().int().min(1).max(10).default(3),
    /** Minutes within which a user's next question in the same channel continues the conversation (0: only replies and threads do). */
    followUpMinutes: z.number().min(0).max(1440).default(10),
  })
  .strict();

/** A URL, or undefined when the text is not one (zod runs the refinements even after `.url()` failed). */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const EnvSchema = z.object({
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_CLIENT_ID: z.string().regex(/^\d+$/).optional(),
  GUILD_ID: z.string().regex(/^\d+$/).optional(),
  CORPUS_DIR: z.string().min(1).default('corpus'),
  CONFIG_DIR: z.string().min(1).default('config'),
  DATA_DIR: z.string().min(1).default('data'),
  /** REST base of a proxy in front of Discord (nirn-proxy, twilight-http-proxy), as discord.js's `rest.api`. */
  DISCORD_API_URL: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:$/.test(parseUrl(u)?.protocol ?? ''), 'must be an http(s) URL')
    .refine((u) => !/\/v\d+\/?$/.test(parseUrl(u)?.pathname ?? ''), 'without the /v10 version suffix (discord.js adds it)')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Gateway shards: `auto` (Discord's recommended count) or a number; 1 (the default) is one process without a manager. */
  SHARDS: z
    .string()
    .trim()
    .regex(/^(auto|\d+)$/i, 'must be "auto" or a whole number of shards')
    .transform((v) => (v.toLowerCase() === 'auto' ? ('auto' as const) : Number(v)))
    .refine((v) => v === 'auto' || (v >= 1 && v <= 1024), 'must be between 1 and 1024')
    .default(1),
});

/** What discord.js's ShardingManager puts in a shard process's env (SHARDS then means the shard's id, not the setting). */
const ShardChildSchema = z.object({
  SHARDS: z.string().regex(/^\d+$/, 'must be the shard id').transform(Number),
  SHARD_COUNT: z.string().regex(/^[1-9]\d*$/, 'must be the shard count').transform(Number),
});

/** The bot's settings, typed and frozen. */
export interface Config {
  readonly token: string | undefined;
  readonly clientId: string | undefined;
  readonly guildId: string | undefined;
  readonly corpusDir: string;
  readonly configDir: string;
  /** Where the feedback log and the index snapshot are written. */
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** REST base discord.js uses instead of https://discord.com/api (a proxy); undefined for Discord itself. */
  readonly apiUrl: string | undefined;
  readonly bot: Readonly<z.infer<typeof BotFileSchema>>;
  /** `SHARDS`: how many gateway shards the sharding manager runs ('auto': as many as Discord recommends); 1: no manager. */
  readonly shards: 'auto' | number;
  /** Set in a shard process started by the manager: which shard it is, of how many. */
  readonly shard: Readonly<{ id: number; count: number }> | undefined;
}

/** Reads and validates env + `config/bot.json`; throws BotError CONFIG_INVALID with a readable reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // Empty strings in .env mean "not set", as a newcomer copying .env.example expects.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  // In a shard process discord.js's manager has set SHARDING_MANAGER and replaced SHARDS by the shard's id.
  let shard: { id: number; count: number } | undefined;
  if (cleaned.SHARDING_MANAGER) {
    const child = ShardChildSchema.safeParse(cleaned);
    if (!child.success) throw new BotError('CONFIG_INVALID', { reason: `shard process: ${describe(child.error)}` });
    shard = Object.freeze({ id: child.data.SHARDS, count: child.data.SHARD_COUNT });
    delete cleaned.SHARDS;
  }
  const parsedEnv = EnvSchema.safeParse(cleaned);
  if (!parsedEnv.success) throw new BotError('CONFIG_INVALID', { reason: describe(parsedEnv.error) });
  const e = parsedEnv.data;
  const configDir = path.resolve(cwd, e.CONFIG_DIR);
  const file = path.join(configDir, 'bot.json');
  let raw: unknown = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // JSON.parse quotes the text around the error, which may be a pasted secret: say only where.
      throw new BotError('CONFIG_INVALID', { reason: `${file}: not valid JSON` });
    }
  }
  const parsedBot = BotFileSchema.safeParse(raw);
  if (!parsedBot.success) throw new BotError('CONFIG_INVALID', { reason: `${file}: ${describe(parsedBot.error)}` });
  return Object.freeze({
    token: e.DISCORD_TOKEN,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.GUILD_ID,
    corpusDir: path.resolve(cwd, e.CORPUS_DIR),
    configDir,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    apiUrl: e.DISCORD_API_URL,
    shards: shard ? 1 : e.SHARDS,
    shard,
    bot: Object.freeze({ ...parsedBot.data, qaChannels: Object.freeze([...parsedBot.data.qaChannels]) as string[], moderatorRoles: Object.freeze([...parsedBot.data.moderatorRoles]) as string[] }),
  });
}

function describe(error: z.ZodError): string {
  // Never echo values: a mistyped token must not reach the logs.
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
