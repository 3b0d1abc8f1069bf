import { describe, expect, it } from 'vitest';
import { withoutMentions } from '../../src/discord/mentions.js';

describe('withoutMentions', () => {
  it('removes user, role and channel mentions, custom emoji, @everyone and @here, leaving the words apart', () => {
    expect(withoutMentions('<@123456> @everyone 乌苏市风电装机')).toBe('    乌苏市风电装机');
    expect(withoutMentions('<@!1>风电<@&2>装机<#3>多少<:emoji:4><a:dance:5>@here')).toBe(' 风电 装机 多少   ');
  });
  it('leaves a question without markup as it is', () => {
    expect(withoutMentions('乌苏市风电装机多少？ a@b.c <b>')).toBe('乌苏市风电装机多少？ a@b.c <b>');
  });
});
