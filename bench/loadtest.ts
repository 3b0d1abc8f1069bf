/**
 * `npm run loadtest`: the real bot (bench/loadtest-bot.ts → src/main.ts's run(), its own process) against the
 * strict fake Discord (test/support/fake-discord.ts) on 127.0.0.1 only. 1,000 channel questions from 200 users
 * and a burst of 300 concurrent interactions, with 429s, 5xx before and after processing, slow answers (past
 * the client's timeout), two gateway drops and one /reload of a changed corpus mixed in. Bounded in count and
 * time; prints one JSON summary line and exits 1 when a target is missed.
 *
 *   npm run loadtest                          # the run recorded in docs/reliability.md
 *   npm run loadtest -- --reload-passages 100000   # the reload adds a 100k-passage corpus (bench/corpora.ts)
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeDiscord, type RecordedRequest } from '../test/support/fake-discord.js';
import { rng } from './lib/util.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = arg('messages', 1000);
const USERS = arg('users', 200);
const INTERACTIONS = arg('interactions', 300);
/** Passages of the generated corpus the reload adds (0: copies of the seed article, a few thousand passages). */
const RELOAD_PASSAGES = arg('reload-passages', 0);
/** Channel questions per second. */
const RATE = arg('rate', 50);
/** The whole run is bounded: whatever is unanswered by then counts as lost. */
const DEADLINE_MS = arg('deadline-s', RELOAD_PASSAGES > 20_000 ? 600 : 180) * 1000;

const random = rng(20261201);
const pct = (list: number[], p: number) => {
  if (list.length === 0) return null;
  const sorted = [...list].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const started = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wenda-loadtest-'));
  const fake = await FakeDiscord.start();
  await cp(path.join(ROOT, 'corpus'), path.join(dir, 'corpus'), { recursive: true });
  await cp(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  const botJson = JSON.parse(await readFile(path.join(dir, 'config/bot.json'), 'utf8').catch(() => '{}')) as Record<string, unknown>;
  await writeFile(path.join(dir, 'config/bot.json'), JSON.stringify({ ...botJson, qaChannels: [fake.qaChannelId, fake.generalChannelId], cooldownSeconds: 0, moderatorRoles: [fake.moderatorRoleId] }));
  const questions = (JSON.parse(await readFile(path.join(ROOT, 'test/eval/questions.json'), 'utf8')) as Array<{ question: string }>).map((q) => q.question);

  // Faults, drawn from a seeded generator per request: channel sends and interaction callbacks alike.
  const isSend = (r: RecordedRequest) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path);
  const isCallback = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/callback');
  const draw = (p: number) => () => random() < p;
  const tally = { rateLimited: 0, errorsBefore: 0, errorsAfter: 0, slow: 0 };
  const counted = (key: keyof typeof tally, p: number, match: (r: RecordedRequest) => boolean) => (r: RecordedRequest) => {
    const hit = match(r) && draw(p)();
    if (hit) tally[key]++;
    return hit;
  };
  fake.rateLimit(counted('rateLimited', 0.03, isSend), { retryAfter: 0.25, scope: 'shared', times: Infinity });
  fake.fault(counted('errorsBefore', 0.03, (r) => isSend(r) || isCallback(r)), { kind: 'error-before', status: 502, times: Infinity });
  fake.fault(counted('errorsAfter', 0.03, (r) => isSend(r) || isCallback(r)), { kind: 'error-after', status: 500, times: Infinity });
  fake.fault(counted('slow', 0.02, isSend), { kind: 'slow', delayMs: 2500, times: Infinity });

  const botLog = createWriteStream(path.join(dir, 'bot.log'));
  const child = fork(path.join(ROOT, 'bench/loadtest-bot.ts'), [], {
    cwd: dir,
    // tsx's loader by path: the bot runs in the temp folder, where a bare `--import tsx` would not resolve.
    execArgv: ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href],
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'FAKE.loadtest-token.0123456789abcdef',
      DISCORD_API_URL: fake.api,
      CORPUS_DIR: path.join(dir, 'corpus'),
      CONFIG_DIR: path.join(dir, 'config'),
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'warn',
      NODE_PATH: path.join(ROOT, 'node_modules'),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr!.pipe(botLog);
  const [ready] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error(`the bot exited before ready; see ${dir}/bot.log`)))])) as [{ type: string; rss: number }];
  const rssBefore = ready.rss;

  const users = Array.from({ length: USERS }, (_, i) => ({ id: String(900_000_000_000_000_000n + BigInt(i)), username: `user${i}` }));
  const sentAt = new Map<string, number>();
  const messageIds: string[] = [];
  const interactionIds: string[] = [];
  let reloadId = '';
  let reloadStart = 0;
  let reloadEnd = 0;
  const drops: string[] = [];
  /** Interactions sent while the reload ran (besides the burst). */
  const duringReload: string[] = [];

  // The changed corpus for the reload: more documents.
  const growCorpus = async () => {
    if (RELOAD_PASSAGES > 0) {
      const { newsCorpus } = await import('./corpora.js');
      const generated = newsCorpus(RELOAD_PASSAGES);
      await cp(generated.dir, path.join(dir, 'corpus'), { recursive: true });
    } else {
      const seed = await readFile(path.join(dir, 'corpus/changji-industry-2024-12-10.txt'), 'utf8');
      for (let i = 0; i < 100; i++) await writeFile(path.join(dir, `corpus/loadtest-${i}.txt`), seed.replace('昌吉州', `昌吉州${i}号`));
    }
  };

  const timeline = async () => {
    await sleep(3000);
    drops.push('drop (1006)');
    fake.dropGateway();
    await sleep(2000);
    // The burst: every interaction at once.
    for (let i = 0; i < INTERACTIONS; i++) {
      const user = users[i % USERS]!;
      const kind = i % 5;
      const id =
        kind < 2
          ? fake.command('ask', { question: questions[i % questions.length]! }, { user })
          : kind === 2
            ? fake.command('search', { query: questions[(i * 7) % questions.length]! }, { user })
            : kind === 3
              ? fake.command('figures', { topic: '煤电' }, { user })
              : fake.command('source', {}, { user });
      interactionIds.push(id);
    }
    // The reload starts once the burst has been answered, so its window measures the build, not the burst.
    await sleep(5000);
    await growCorpus();
    reloadStart = Date.now();
    child.send({ type: 'reload-start' });
    reloadId = fake.command('reload', {}, { roles: [fake.moderatorRoleId], permissions: '0' });
    void fake.editOf(reloadId, DEADLINE_MS).then(
      () => {
        reloadEnd = Date.now();
        child.send({ type: 'reload-end' });
      },
      () => undefined,
    );
    // For as long as the reload runs, an interaction every 500 ms: each must be acknowledged within 3 s,
    // including while the new engine is restored and swapped in.
    void (async () => {
      for (let i = 0; reloadEnd === 0 && Date.now() - started < DEADLINE_MS; i++) {
        duringReload.push(fake.command(i % 2 ? 'source' : 'ask', i % 2 ? {} : { question: questions[i % questions.length]! }, { user: users[i % USERS]! }));
        await sleep(500);
      }
    })();
    await sleep(4000);
    drops.push('close 4000');
    fake.closeGateway(4000);
  };

  const messages = async () => {
    for (let i = 0; i < MESSAGES; i++) {
      const user = users[i % USERS]!;
      // Three channels (the thread's parent is a Q&A channel too): discord.js sends one request at a time per channel.
      const channelId = [fake.qaChannelId, fake.generalChannelId, fake.threadId][i % 3]!;
      const id = fake.postMessage(questions[i % questions.length]!, { channelId, user });
      sentAt.set(id, Date.now());
      messageIds.push(id);
      await sleep(1000 / RATE);
    }
  };

  await Promise.all([timeline(), messages()]);
  const repliesOf = () => {
    const count = new Map<string, number>();
    for (const m of fake.created) {
      const ref = m.message_reference?.message_id as string | undefined;
      if (ref) count.set(ref, (count.get(ref) ?? 0) + 1);
    }
    return count;
  };
  const settled = () =>
    duringReload.every((id) => fake.interactions.get(id)!.ackedAt !== undefined || fake.interactions.get(id)!.refused.length > 0) &&
    messageIds.every((id) => repliesOf().has(id)) &&
    interactionIds.every((id) => fake.interactions.get(id)!.ackedAt !== undefined || fake.interactions.get(id)!.refused.length > 0) &&
    reloadEnd > 0;
  while (!settled() && Date.now() - started < DEADLINE_MS) await sleep(250);
  // Late duplicates (a retry still under way) get a moment to show.
  await sleep(3000);

  child.send({ type: 'report' });
  const [report] = (await once(child, 'message')) as [{ rss: number; loop: { p99: number; max: number }; reloadLoop: { p99: number; max: number } | null }];
  child.send({ type: 'stop' });
  await Promise.race([once(child, 'exit'), sleep(15_000)]);

  const replies = repliesOf();
  const latencies: number[] = [];
  let lost = 0;
  let duplicated = 0;
  let once1 = 0;
  for (const id of messageIds) {
    const n = replies.get(id) ?? 0;
    if (n === 0) lost++;
    else if (n > 1) duplicated += n - 1;
    else once1++;
    const reply = fake.created.find((m) => m.message_reference?.message_id === id);
    if (reply) latencies.push(Date.parse(reply.timestamp as string) - sentAt.get(id)!);
  }
  let late = 0;
  let lateDuringReload = 0;
  interactionIds.push(...duringReload);
  for (const id of interactionIds) {
    const r = fake.interactions.get(id)!;
    const followUps = fake.requests.filter((q) => q.method === 'POST' && q.path === `/webhooks/${fake.botUser.id}/${r.token}`).length;
    if (r.ackedAt === undefined) lost++;
    else {
      latencies.push(r.ackedAt - r.createdAt);
      if (followUps > 0) duplicated += followUps;
      else once1++;
    }
    if (r.refused.some((x) => x.code === 10062) || (r.ackedAt !== undefined && r.ackedAt - r.createdAt > 3000)) {
      late++;
      if (duringReload.includes(id)) lateDuringReload++;
    }
  }
  const log = await readFile(path.join(dir, 'bot.log'), 'utf8');
  const logLines = log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string; err?: { type?: string; message?: string; code?: unknown } });
  const summary = {
    sent: messageIds.length + interactionIds.length,
    channelQuestions: messageIds.length,
    interactions: interactionIds.length,
    interactionsDuringReload: duringReload.length,
    users: USERS,
    answeredOnce: once1,
    lost,
    duplicated,
    lateInteractions: late,
    lateDuringReload,
    replyMs: { p50: pct(latencies, 50), p99: pct(latencies, 99) },
    eventLoopMs: { p99: report.loop.p99, max: report.loop.max },
    reloadEventLoopMs: report.reloadLoop ? { p99: report.reloadLoop.p99, max: report.reloadLoop.max } : null,
    reload: { ok: reloadEnd > 0, ms: reloadEnd ? reloadEnd - reloadStart : null, passagesAdded: RELOAD_PASSAGES || 'seed copies x100' },
    rssMB: { before: Math.round(rssBefore / 2 ** 20), after: Math.round(report.rss / 2 ** 20) },
    faults: { ...tally, nonceDeduped: fake.nonceHits, refusedSecondAcks: [...fake.interactions.values()].reduce((n, r) => n + r.refused.filter((x) => x.code === 40060).length, 0), gatewayDrops: drops.length },
    botErrorsLogged: logLines.filter((l) => l.level >= 50).length,
    botErrors: [...new Set(logLines.filter((l) => l.level >= 50).map((l) => `${l.msg}: ${l.err?.type ?? ''} ${l.err?.code ?? ''} ${l.err?.message ?? ''}`.trim()))].slice(0, 5),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
  const pass = lost === 0 && duplicated === 0 && late === 0 && reloadEnd > 0 && (report.reloadLoop?.p99 ?? Infinity) <= 50;
  process.exit(pass ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`loadtest: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(2);
});
