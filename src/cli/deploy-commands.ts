/** `npm run deploy-commands`: registers the slash commands to GUILD_ID (instant, for development) or globally. */
import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig } from '../config.js';
import { commandBodies } from '../discord/commands/index.js';
import { explainDiscordFailure } from '../discord/failures.js';
import { parseCommandLine } from './io.js';

const USAGE = `Usage:
  npm run deploy-commands          register the slash commands (DISCORD_TOKEN, DISCORD_CLIENT_ID from .env;
                                   with GUILD_ID: that server only, at once; without: globally, up to an hour)
  npm run deploy-commands -- --help  this text`;

/** Where and how to register the commands. */
export interface DeployOptions {
  token: string | undefined;
  clientId: string | undefined;
  guildId?: string | undefined;
  /** REST API base (tests point it at the fake Discord). */
  api?: string;
}

/** Registers every command (replacing the previous set); returns the names and where they went. */
export async function deployCommands(options: DeployOptions): Promise<{ names: string[]; scope: string }> {
  if (!options.token || !options.clientId) {
    throw new Error(
      'deploy-commands needs DISCORD_TOKEN and DISCORD_CLIENT_ID: copy .env.example to .env and fill them in ' +
        '(Developer Portal → your application → Bot → Reset Token, and General Information → Application ID).',
    );
  }
  const rest = new REST(options.api ? { api: options.api } : {}).setToken(options.token);
  const body = commandBodies();
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  try {
    await rest.put(route, { body });
  } catch (error) {
    // Bad token, wrong ids, missing scope or no network: one catalog error the operator can act on.
    throw explainDiscordFailure(error) ?? error;
  }
  return { names: body.map((c) => c.name), scope: options.guildId ? `guild ${options.guildId}` : 'global (may take up to an hour to appear)' };
}

async function cli(): Promise<void> {
  const line = parseCommandLine('deploy-commands', USAGE, {});
  if (!line.ok) {
    process.exitCode = line.code;
    return;
  }
  if (line.positionals.length > 0) {
    process.stderr.write(`deploy-commands: takes no arguments (got ${JSON.stringify(line.positionals[0])})\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const config = loadConfig();
    const result = await deployCommands({ token: config.token, clientId: config.clientId, guildId: config.guildId, ...(config.apiUrl ? { api: config.apiUrl } : {}) });
    process.stdout.write(`Registered ${result.names.length} commands (${result.names.map((n) => '/' + n).join(', ')}) — ${result.scope}.\n`);
  } catch (error) {
    // Catalog errors (bad config, what Discord refused, no network) carry their friendly text.
    process.stderr.write(`deploy-commands: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void cli();
