/** The one catalog of errors the bot can report to a user or operator, each with a code. */

/** Every error code, with the friendly message shown to users (simplified Chinese + English). */
export const ERRORS = {
  EMPTY_QUESTION: '请输入一个问题。 (Please type a question.)',
  QUESTION_TOO_LONG: '问题太长了，请控制在 {max} 个字符以内。 (The question is too long: keep it under {max} characters.)',
  NO_SEARCHABLE_TEXT: '这个问题里没有可以搜索的文字，请用中文提问。 (There is no searchable text in this question: please ask in Chinese.)',
  PASSAGE_NOT_FOUND: '找不到段落 {id}。 (No passage with id {id}.)',
  CORPUS_MISSING: '语料目录不存在：{path} (The corpus folder does not exist: {path})',
  CORPUS_EMPTY: '语料目录里没有文档：{path} (The corpus has no documents: {path})',
  CORPUS_UNREADABLE: '无法读取文档 {path}：{reason} (Cannot read {path}: {reason})',
  CORPUS_NOT_TEXT: '文档不是文本：{path} (Not a text document: {path})',
  DOCUMENT_EMPTY: '文档没有可用的段落：{path} (The document has no usable passages: {path})',
  DUPLICATE_DOCUMENT: '两个文档同名 {id}：{a}、{b}，请改名其中一个。 (Two documents share the id {id}: {a} and {b}; rename one.)',
  CONFIG_INVALID: '配置无效：{reason} (Invalid configuration: {reason})',
  RELOAD_IN_PROGRESS: '正在重新加载语料，请稍后再试。 (A reload is already running: try again shortly.)',
  FORBIDDEN: '只有管理员可以使用这个命令。 (Only moderators can use this command.)',
  COOLDOWN: '请稍等 {seconds} 秒再提问。 (Please wait {seconds} s before asking again.)',
  DM_DISABLED: '本机器人只在服务器频道里回答问题。 (This bot answers in server channels only.)',
  SNAPSHOT_INVALID: '索引快照无效：{reason} (The index snapshot is invalid: {reason})',
  INTERNAL: '抱歉，出了点问题，请稍后再试。 (Sorry, something went wrong: please try again later.)',
} as const;

/** A code from the catalog. */
export type ErrorCode = keyof typeof ERRORS;

/** An error with a catalog code and the values its message needs. */
export class BotError extends Error {
  readonly code: ErrorCode;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(formatMessage(code, params), options);
    this.name = 'BotError';
    this.code = code;
    this.params = Object.freeze({ ...params });
  }
}

/** Fills a catalog message's `{name}` placeholders. */
export function formatMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return ERRORS[code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The message to show a user for any thrown value: catalog errors as written, anything else as INTERNAL. */
export function userMessage(error: unknown): string {
  return error instanceof BotError ? error.message : formatMessage('INTERNAL');
}

/** True for errors that come from the catalog (expected), false for bugs. */
export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}
