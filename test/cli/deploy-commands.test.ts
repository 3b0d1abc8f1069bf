/** `npm run deploy-commands` against the fake Discord's REST API. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deployCommands } from '../../src/cli/deploy-commands.js';
import { FakeDiscord } from '../support/fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.stop();
});

const TOKEN = 'FAKE.deploy.token-value-123456';

test('with GUILD_ID, registers every command to that guild; /reload needs Manage Server', async () => {
  const result = await deployCommands({ token: TOKEN, clientId: '123', guildId: '456', api: fake.api });
  expect(result.names.sort()).toEqual(['ask', 'figures', 'passage', 'reload', 'search', 'source']);
  const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === '/applications/123/guilds/456/commands');
  expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
  const byName = new Map((put.body as any[]).map((c) => [c.name, c]));
  expect(byName.get('reload').default_member_permissions).toBe('32');
  expect(byName.get('reload').contexts).toEqual([0]);
  expect(byName.get('ask').default_member_permissions ?? null).toBeNull();
  expect(byName.get('search').options[0]).toMatchObject({ name: 'query', required: true, autocomplete: true });
  expect(byName.get('passage').options[0]).toMatchObject({ name: 'id', required: true, autocomplete: true });
  expect(byName.get('figures').options[0]).toMatchObject({ name: 'topic', required: false, autocomplete: true });
  expect(byName.get('ask').options[0]).toMatchObject({ name: 'question', required: true });
  for (const c of put.body as any[]) expect(c.description.length).toBeLessThanOrEqual(100);
  // Descriptions: Chinese first, then English; a Chinese-language Discord shows the Chinese alone.
  for (const d of (put.body as any[]).flatMap((c) => [c, ...(c.options ?? [])])) {
    expect(d.description.length).toBeLessThanOrEqual(100);
    expect(d.description).toMatch(/^\p{Script=Han}/u);
    expect(d.description).toMatch(/[A-Za-z]/);
    expect(d.description.startsWith(d.description_localizations['zh-CN'])).toBe(true);
    expect(d.description_localizations['zh-TW']).toMatch(/\p{Script=Han}/u);
  }
  expect(byName.get('search').description_localizations).toEqual({ 'zh-CN': '搜索段落', 'zh-TW': '搜索段落' });
});

test('without GUILD_ID, registers globally', async () => {
  const result = await deployCommands({ token: TOKEN, clientId: '123', api: fake.api });
  expect(result.scope).toMatch(/^global/);
  await fake.waitForRequest((r) => r.method === 'PUT' && r.path === '/applications/123/commands');
});

test('without a token or client id, explains what to set', async () => {
  await expect(deployCommands({ token: undefined, clientId: '123' })).rejects.toThrow(/DISCORD_TOKEN and DISCORD_CLIENT_ID/);
  await expect(deployCommands({ token: TOKEN, clientId: undefined })).rejects.toThrow(/\.env/);
});

describe('when Discord refuses or cannot be reached, says what to check in one line', () => {
  const path = '/applications/777/guilds/888/commands';
  const deploy = (api = fake.api) => deployCommands({ token: TOKEN, clientId: '777', guildId: '888', api });
  test('401: the token', async () => {
    fake.respondWith((r) => r.path === path && r.headers.authorization === `Bot ${TOKEN}.bad`, 401, { message: '401: Unauthorized', code: 0 });
    await expect(deployCommands({ token: `${TOKEN}.bad`, clientId: '777', guildId: '888', api: fake.api })).rejects.toMatchObject({
      code: 'DISCORD_TOKEN_REJECTED',
      message: expect.stringMatching(/check DISCORD_TOKEN/),
    });
  });
  test('403: the bot is not in the server or lacks the applications.commands scope', async () => {
    fake.respondWith((r) => r.path === '/applications/403/guilds/888/commands', 403, { message: 'Missing Access', code: 50001 });
    await expect(deployCommands({ token: TOKEN, clientId: '403', guildId: '888', api: fake.api })).rejects.toMatchObject({
      code: 'DISCORD_MISSING_ACCESS',
      message: expect.stringMatching(/applications\.commands/),
    });
  });
  test('404: the application or server id', async () => {
    fake.respondWith((r) => r.path === path, 404, { message: 'Unknown Application', code: 10002 });
    await expect(deploy()).rejects.toMatchObject({ code: 'DISCORD_UNKNOWN_TARGET', message: expect.stringMatching(/DISCORD_CLIENT_ID and GUILD_ID/) });
  });
  test('no answer at all: the network', async () => {
    // Port 9 on 127.0.0.1 (discard) has no listener here: the connection is refused at once.
    await expect(deploy('http://127.0.0.1:9/api')).rejects.toMatchObject({
      code: 'DISCORD_UNREACHABLE',
      message: expect.stringMatching(/Could not reach Discord \(ECONNREFUSED\)/),
    });
  });
});
