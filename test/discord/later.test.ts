/** The default deferred-work runner: runs after the delay, and stop cancels what is pending. */
import { expect, test } from 'vitest';
import { timerLater } from '../../src/discord/later.js';

test('runs a callback after its delay; cancelAll drops the ones still pending', async () => {
  const later = timerLater();
  const ran: string[] = [];
  later.after(5, () => ran.push('soon'));
  later.after(200, () => ran.push('late'));
  await new Promise((r) => setTimeout(r, 50));
  later.cancelAll();
  await new Promise((r) => setTimeout(r, 250));
  expect(ran).toEqual(['soon']);
});
