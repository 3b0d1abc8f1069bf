/** `npm run corpus -- check` (data-quality report) and `npm run corpus -- dump --json` (one passage per line). */
import 'dotenv/config';
import { loadConfig } from '../config.js';
import { buildEngine } from '../core/build.js';
import { ENCODING_NAMES } from '../core/encoding.js';
import { isBotError } from '../core/errors.js';
import { repairsMade } from '../core/metadata.js';
import type { DocumentInfo, Engine } from '../core/types.js';
import { counts, formatSkipped } from '../console/format.js';
import { exitWhenFlushed, parseCommandLine, quietOnClosedPipe, write } from './io.js';

const USAGE = `Usage:
  npm run corpus -- check [--corpus DIR] [--json]   data-quality report; exits 1 if the corpus cannot be served
  npm run corpus -- dump --json [--corpus DIR]       every passage as JSON Lines: id, doc, text, original, figures
  npm run corpus -- --help                           this text`;

/** The data-quality report of one document, for a person: every count in it is of the lines listed under it. */
export function formatDocumentReport(doc: DocumentInfo, engine: Engine): string {
  const passages = engine.passages().filter((p) => p.doc === doc.id);
  // A lost character the cleaner could not restore is one of the spans left unknown, listed with its context there.
  const repairs = repairsMade(doc);
  const lines = [
    `${doc.file}: ${doc.title}`,
    ...(doc.encoding ? [`  read as ${ENCODING_NAMES[doc.encoding]} (not UTF-8)`] : []),
    `  source: ${doc.source || '(none)'}  date: ${doc.date || '(none)'}`,
    `  passages: ${passages.length}  figures: ${doc.figures}  repairs: ${repairs.length}  unknown (shown as □): ${doc.unknowns.length}`,
  ];
  const byKind = new Map<string, number>();
  for (const r of repairs) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  if (byKind.size) lines.push(`  repairs by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const r of repairs) lines.push(`  [${r.kind}] ${r.before} → ${r.after}`);
  for (const u of doc.unknowns) lines.push(`  [unknown, shown as □] ${u}`);
  lines.push('  figures:');
  for (const p of passages) for (const f of p.figures) lines.push(`    ${f.text} = ${f.date ? `${f.date}${f.end ? `/${f.end}` : ''}` : `${f.value}${f.unit ? ` ${f.unit}` : ''}`} (${f.kind}) ${f.measure ? `— ${f.measure} ` : ''}[${p.id}]`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const line = parseCommandLine('corpus', USAGE, { json: { type: 'boolean', default: false }, corpus: { type: 'string' } });
  if (!line.ok) return line.code;
  const { values, positionals } = line;
  const command = positionals[0];
  if (command !== 'check' && command !== 'dump') {
    process.stderr.write(`corpus: ${command ? `unknown command ${JSON.stringify(command)}` : 'no command given'}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(values.corpus ? { ...process.env, CORPUS_DIR: values.corpus } : process.env);
  let engine: Engine;
  try {
    engine = await buildEngine({ corpusDir: config.corpusDir, configDir: config.configDir });
  } catch (error) {
    // The corpus cannot be served: say why, in one line, and fail.
    if (values.json) process.stdout.write(`${JSON.stringify({ ok: false, error: isBotError(error) ? error.code : 'INTERNAL', message: (error as Error).message })}\n`);
    else process.stderr.write(`corpus check failed: ${(error as Error).message}\n`);
    return 1;
  }
  const skipped = engine.source.skipped ?? [];
  if (skipped.length > 0) {
    // The bot would start without these files, but a /reload would be refused: the corpus needs fixing.
    const first = skipped[0]!;
    if (values.json) await write(process.stdout, `${JSON.stringify({ ok: false, error: first.code, message: first.message, skipped })}\n`);
    else await write(process.stderr, `corpus check failed:\n${skipped.map((f) => `  ${formatSkipped(f)}`).join('\n')}\n`);
    return 1;
  }
  if (command === 'dump') {
    for (const p of engine.passages()) {
      await write(process.stdout, `${JSON.stringify({ id: p.id, doc: p.doc, text: p.text, original: p.original, figures: p.figures })}\n`);
    }
    return 0;
  }
  const docs = engine.source.documents;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, documents: docs, passages: engine.source.passages, figures: engine.source.figures })}\n`);
  } else {
    for (const d of docs) await write(process.stdout, `${formatDocumentReport(d, engine)}\n\n`);
    await write(process.stdout, `OK: ${counts(docs.length, engine.source.passages, engine.source.figures)} (built in ${engine.source.buildMs} ms)\n`);
  }
  return 0;
}

quietOnClosedPipe();
main().then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    return exitWhenFlushed(1);
  },
);
