/** Configuration: env + config/bot.json, validated into a frozen object; errors never echo secrets. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { BotError } from '../src/core/errors.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.SECRET-token-value_0123456789abcdef';

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-config-'));
});
afterEach(() => {
  fs.rmSync(cwd, { recursive: true, force: true });
});

function writeBotJson(text: string, dir = 'config'): void {
  fs.mkdirSync(path.join(cwd, dir), { recursive: true });
  fs.writeFileSync(path.join(cwd, dir, 'bot.json'), text);
}

function configError(env: NodeJS.ProcessEnv): BotError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe('CONFIG_INVALID');
    return error as BotError;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('loadConfig', () => {
  it('defaults: no env, no bot.json', () => {
    const c = loadConfig({}, cwd);
    expect(c).toMatchObject({
      token: undefined,
      clientId: undefined,
      guildId: undefined,
      corpusDir: path.join(cwd, 'corpus'),
      configDir: path.join(cwd, 'config'),
      dataDir: path.join(cwd, 'data'),
      logLevel: 'info',
    });
    expect(c.bot).toEqual({
      qaChannels: [],
      moderatorRoles: [],
      cooldownSeconds: 5,
      allowDMs: false,
      maxQuestionLength: 500,
      messageContentIntent: true,
      pageSize: 3,
      followUpMinutes: 10,
    });
  });

  it('reads env values and resolves folders against cwd', () => {
    const c = loadConfig({ DISCORD_TOKEN: ` ${TOKEN} `, DISCORD_CLIENT_ID: '123', GUILD_ID: '456', CORPUS_DIR: 'docs', DATA_DIR: '/abs/data', LOG_LEVEL: 'debug' }, cwd);
    expect(c.token).toBe(TOKEN); // trimmed
    expect(c.clientId).toBe('123');
    expect(c.guildId).toBe('456');
    expect(c.corpusDir).toBe(path.join(cwd, 'docs'));
    expect(c.dataDir).toBe('/abs/data');
    expect(c.logLevel).toBe('debug');
  });

  it('DISCORD_API_URL: an http(s) REST base for a proxy, trailing slash dropped; unset by default', () => {
    expect(loadConfig({}, cwd).apiUrl).toBeUndefined();
    expect(loadConfig({ DISCORD_API_URL: ' http://127.0.0.1:8080/api/ ' }, cwd).apiUrl).toBe('http://127.0.0.1:8080/api');
    expect(loadConfig({ DISCORD_API_URL: 'https://proxy.internal/api' }, cwd).apiUrl).toBe('https://proxy.internal/api');
    for (const bad of ['not a url', 'ftp://proxy/api', 'http://proxy/api/v10']) {
      expect(() => loadConfig({ DISCORD_API_URL: bad }, cwd)).toThrow(/DISCORD_API_URL/);
    }
  });

  it('SHARDS: auto or a whole number (default 1, one process); anything else is refused with the setting named', () => {
    expect(loadConfig({}, cwd).shards).toBe(1);
    expect(loadConfig({ SHARDS: 'auto' }, cwd).shards).toBe('auto');
    expect(loadConfig({ SHARDS: ' AUTO ' }, cwd).shards).toBe('auto');
    expect(loadConfig({ SHARDS: '4' }, cwd).shards).toBe(4);
    expect(loadConfig({}, cwd).shard).toBeUndefined();
    for (const bad of ['0', '-2', '1.5', 'two', '5000']) {
      expect(() => loadConfig({ SHARDS: bad }, cwd)).toThrow(/SHARDS/);
    }
  });

  it('in a shard process (SHARDING_MANAGER set) SHARDS is the shard id discord.js passed, not the setting', () => {
    const c = loadConfig({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' }, cwd);
    expect(c.shard).toEqual({ id: 1, count: 2 });
    expect(c.shards).toBe(1);
    expect(Object.isFrozen(c.shard)).toBe(true);
    expect(() => loadConfig({ SHARDING_MANAGER: 'true', SHARDS: '1' }, cwd)).toThrow(/SHARD_COUNT/);
  });

  it('empty or blank strings count as unset', () => {
    const c = loadConfig({ DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '   ', GUILD_ID: '', CORPUS_DIR: '', CONFIG_DIR: ' ', LOG_LEVEL: '' }, cwd);
    expect(c.token).toBeUndefined();
    expect(c.clientId).toBeUndefined();
    expect(c.guildId).toBeUndefined();
    expect(c.corpusDir).toBe(path.join(cwd, 'corpus'));
    expect(c.configDir).toBe(path.join(cwd, 'config'));
    expect(c.logLevel).toBe('info');
  });

  it('reads bot.json from CONFIG_DIR and fills the rest with defaults', () => {
    writeBotJson('{ "qaChannels": ["111", "222"], "cooldownSeconds": 0, "pageSize": 5 }', 'conf');
    const c = loadConfig({ CONFIG_DIR: 'conf' }, cwd);
    expect(c.configDir).toBe(path.join(cwd, 'conf'));
    expect(c.bot).toMatchObject({ qaChannels: ['111', '222'], cooldownSeconds: 0, pageSize: 5, maxQuestionLength: 500 });
  });

  it('the repository config/bot.json is valid', () => {
    const repo = path.resolve(import.meta.dirname, '..');
    expect(loadConfig({}, repo).bot.maxQuestionLength).toBeGreaterThanOrEqual(10);
  });

  it('the result is frozen, bot settings and id lists included', () => {
    writeBotJson('{ "moderatorRoles": ["9"] }');
    const c = loadConfig({}, cwd);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.bot)).toBe(true);
    expect(Object.isFrozen(c.bot.qaChannels)).toBe(true);
    expect(Object.isFrozen(c.bot.moderatorRoles)).toBe(true);
    expect(() => {
      (c as { corpusDir: string }).corpusDir = '/elsewhere';
    }).toThrow(TypeError);
    expect(() => (c.bot.moderatorRoles as string[]).push('10')).toThrow(TypeError);
  });

  describe('invalid configuration → CONFIG_INVALID, never echoing the token', () => {
    it.each([
      ['a wrong type', '{ "cooldownSeconds": "five" }', 'cooldownSeconds'],
      ['out of range', '{ "maxQuestionLength": 5 }', 'maxQuestionLength'],
      ['a negative follow-up window', '{ "followUpMinutes": -1 }', 'followUpMinutes'],
      ['a non-numeric channel id', '{ "qaChannels": ["general"] }', 'qaChannels'],
      ['an unknown key (strict)', '{ "pagesize": 3 }', 'pagesize'],
      ['not JSON', '{ "pageSize": 3, }', 'bot.json'],
      ['an array', '[]', '(root)'],
    ])('%s', (_name, json, mentioned) => {
      writeBotJson(json);
      const error = configError({ DISCORD_TOKEN: TOKEN });
      expect(error.message).toContain(mentioned);
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain('SECRET');
      expect(JSON.stringify(error.params)).not.toContain('SECRET');
    });

    it('a token pasted into bot.json by mistake is not echoed by the schema error', () => {
      writeBotJson(JSON.stringify({ token: TOKEN, qaChannels: [TOKEN] }));
      const error = configError({});
      expect(error.message).not.toContain('SECRET');
      expect(error.message).not.toContain(TOKEN.slice(0, 10));
    });

    // Node's JSON.parse message quotes the text around a syntax error: an unquoted token in
    // bot.json would leak a fragment, so the message names only the file.
    it('a JSON syntax error does not quote the file content', () => {
      writeBotJson(`{"token": ${TOKEN}}`);
      const error = configError({});
      expect(error.message).not.toContain(TOKEN.slice(0, 8));
    });

    it('invalid env values name the variable, not the value', () => {
      const error = configError({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'not-a-number-SECRET', LOG_LEVEL: 'loud' });
      expect(error.message).toContain('DISCORD_CLIENT_ID');
      expect(error.message).toContain('LOG_LEVEL');
      expect(error.message).not.toContain('SECRET');
      expect(error.message).not.toContain('loud');
    });
  });
});
