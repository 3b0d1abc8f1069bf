/** The shard processes' Node options: the heap sizes of the process that starts them, and tsx's loader for a .ts script. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shardExecArgv } from '../../src/shard/manager.js';

describe('shardExecArgv', () => {
  it('passes on the heap sizes only, and adds tsx for a .ts script', () => {
    const parent = ['--max-semi-space-size=64', '--inspect', '--max-old-space-size=4096', '--expose-gc'];
    expect(shardExecArgv('dist/main.js', parent)).toEqual(['--max-semi-space-size=64', '--max-old-space-size=4096']);
    expect(shardExecArgv('src/main.ts', [])).toEqual(['--import', 'tsx']);
  });
  it('npm start runs the bot with a small young generation (2 MB semi-spaces: short scavenges inside answers at 1M passages)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start.split(/\s+/)).toContain('--max-semi-space-size=2');
    // What the shards of such a process get.
    expect(shardExecArgv('dist/main.js', pkg.scripts.start.split(/\s+/))).toEqual(['--max-semi-space-size=2']);
  });
});
