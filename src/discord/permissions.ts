/** Who is a moderator: Manage Server, or a role listed in `config/bot.json`. */
import { PermissionFlagsBits, type Interaction } from 'discord.js';

/** True when the member behind an interaction has Manage Server or one of the moderator roles. */
export function isModerator(interaction: Interaction, moderatorRoles: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const member = interaction.member;
  const roles: string[] = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return roles.some((r) => moderatorRoles.includes(r));
}
