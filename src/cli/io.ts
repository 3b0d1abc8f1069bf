/** What every command-line tool shares: option parsing with --help and usage errors, and output that is never cut short. */
import { once } from 'node:events';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed command line, or the exit code when it was `--help` (0) or a usage error (2) already reported. */
export type CommandLine<T extends Options> =
  | { ok: true; values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>['values']; positionals: string[] }
  | { ok: false; code: 0 | 2 };

/**
 * Parses argv with `-h`/`--help` added: help prints the usage on stdout (exit 0); an unknown
 * option or a missing value prints one line and the usage on stderr (exit 2), never a stack.
 */
export function parseCommandLine<T extends Options>(name: string, usage: string, options: T, args: string[] = process.argv.slice(2)): CommandLine<T> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    // Node's message goes on to explain `--` at length: its first sentence is the line a person needs.
    const reason = (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    process.stderr.write(`${name}: ${reason}\n${usage}\n`);
    return { ok: false, code: 2 };
  }
  const all = parsed.values as Record<string, unknown>;
  if (all.help) {
    process.stdout.write(`${usage}\n`);
    return { ok: false, code: 0 };
  }
  const { help: _help, ...values } = all;
  return { ok: true, values: values as Extract<CommandLine<T>, { ok: true }>['values'], positionals: parsed.positionals };
}

/** Writes to a stream and waits while its buffer is full, so a slow pipe reader gets everything without unbounded memory. */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Resolves once everything written to the stream so far has been handed to the OS (writes complete in order). */
function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * Ends the process with `code` after stdout and stderr are flushed: `process.exit` right after a
 * write to a pipe drops whatever the reader has not taken yet (`dump | wc -l` lost most lines).
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Makes a closed pipe end the tool quietly: a reader that stops early (`| head`) chose to, it is not a failure. */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw error;
    });
  }
}
