/** `npm run deploy-commands` against the fake Discord's REST API. */
import { afterAll, beforeAll, expect, test } from 'vitest';
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
