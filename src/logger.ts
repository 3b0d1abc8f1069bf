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
  /** One readable line per entry (`12:00:01 WARN  message  key=value`) instead of JSON: for a person at a terminal. */
  pretty?: boolean;
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
  const destination = options.destination ?? process.stderr;
  const target = options.pretty ? prettyStream(destination) : destination;
  // Always scrubbed: interaction tokens in REST URLs need no configured secret to be caught.
  const stream = scrubbingStream(target, secrets);
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

/**
 * An interaction's token sits in the REST routes that answer it (`/interactions/{id}/{token}/callback`,
 * `/webhooks/{application}/{token}/…`); a logged DiscordAPIError carries that URL, and the token lets
 * anyone post as the bot in that channel for 15 minutes, so it is as secret as the bot's own.
 */
const ROUTE_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/\s"'?#\\]+/g;

/** A stream that replaces every occurrence of a secret (and its JSON-escaped form) and every route token before writing. */
function scrubbingStream(target: NodeJS.WritableStream, secrets: string[]): Writable {
  const needles = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].sort((a, b) => b.length - a.length);
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      let line = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (const needle of needles) line = line.split(needle).join('[redacted]');
      line = line.replace(ROUTE_TOKEN, '$1[redacted]');
      target.write(line);
      callback();
    },
  });
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One JSON log line as a person reads it: time, level, message, then the other fields as key=value. */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json; // not pino's JSON: pass it through as written
  }
  const { level, time, msg, ...rest } = entry;
  const clock = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
  const fields = Object.entries(rest).map(([k, v]) => {
    // An error shows its message; its stack is for the JSON form.
    const value = v && typeof v === 'object' && 'message' in v ? (v as { message: unknown }).message : v;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `${k}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
  });
  return [clock, (LEVEL_NAMES[level as number] ?? String(level)).padEnd(5), String(msg ?? ''), ...fields].filter(Boolean).join(' ').replace(/\n/g, ' ') + '\n';
}

/** A stream that writes each JSON line pino gives it in the pretty one-line form. */
function prettyStream(target: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (const line of text.split('\n')) if (line) target.write(prettyLine(line));
      callback();
    },
  });
}
