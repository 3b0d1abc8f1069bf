/** Structured logging (pino) that never writes a secret such as the Discord token. */
import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';

/** The logger type used across the app (pino's). */
export type { Logger } from 'pino';

/** Options for createLogger: extra secrets to scrub and where lines go (stderr by default). */
export interface LoggerOptions {
  /** Values scrubbed from every line, wherever they appear (the token; DISCORD_TOKEN is always included). */
  secrets?: ReadonlyArray<string | undefined>;
  /** Where lines are written; stderr by default so stdout stays for the console mode. */
  destination?: NodeJS.WritableStream;
}

/** Keys whose values are always censored, at any of the first levels of nesting. */
const REDACT_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'authorization',
  '*.authorization',
  '*.*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'config.token',
];

/** Creates the application logger at a level; the token is redacted from every line. */
export function createLogger(level: LevelWithSilent | string, options: LoggerOptions = {}): Logger {
  const secrets = [...(options.secrets ?? []), process.env.DISCORD_TOKEN]
    .filter((s): s is string => typeof s === 'string' && s.trim().length >= 8)
    .map((s) => s.trim());
  const target = options.destination ?? process.stderr;
  const stream = secrets.length === 0 ? target : scrubbingStream(target, secrets);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    stream as pino.DestinationStream,
  );
}

/** A stream that replaces every occurrence of a secret (and its JSON-escaped form) before writing. */
function scrubbingStream(target: NodeJS.WritableStream, secrets: string[]): Writable {
  const needles = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].sort((a, b) => b.length - a.length);
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      let line = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (const needle of needles) line = line.split(needle).join('[redacted]');
      target.write(line);
      callback();
    },
  });
}
