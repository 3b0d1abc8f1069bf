/** The one catalog of errors the bot can report to a user or operator, each with a code. */

/** Every error code, with the friendly message shown to users (simplified Chinese + English). */
export const ERRORS = {
  EMPTY_QUESTION: '请输入一个问题。 (Please type a question.)',
  QUESTION_TOO_LONG: '问题太长了，请控制在 {max} 个字符以内。 (The question is too long: keep it under {max} characters.)',
  NO_SEARCHABLE_TEXT: '这个问题里没有可以搜索的文字，请用中文提问。 (There is no searchable text in this question: please ask in Chinese.)',
  NOT_CHINESE: '请用中文提问。 (Please ask in Chinese.)',
  QUESTION_TOO_VAGUE: '请说得具体一些：只有「{word}」一个词，不知道要找什么。 (Please be more specific: "{word}" alone says nothing to look for.)',
  PASSAGE_NOT_FOUND: '找不到段落 {id}。 (No passage with id {id}.)',
  PASSAGE_ID_MISSING: '请给出段落编号，例如 {example}（文档名#p段落.s句子）。 (Give a passage id, such as {example}: document#pParagraph.sSentence.)',
  PASSAGE_ID_INVALID: '「{id}」不是段落编号，编号形如 {example}（文档名#p段落.s句子）。 ("{id}" is not a passage id: ids look like {example}, document#pParagraph.sSentence.)',
  UNKNOWN_COMMAND: '没有 /{name} 这个命令，输入 /help 查看命令。 (There is no command /{name}: try /help.)',
  CORPUS_MISSING: '语料目录不存在：{path} (The corpus folder does not exist: {path})',
  CORPUS_EMPTY: '语料目录里没有文档：{path} (The corpus has no documents: {path})',
  CORPUS_UNREADABLE: '无法读取文档 {path}：{reason} (Cannot read {path}: {reason})',
  CORPUS_NOT_TEXT: '文档不是可读的文本：{path}（已尝试 {tried}，请另存为 UTF-8） (Not a readable text document: {path}; tried {tried}: save it as UTF-8)',
  DOCUMENT_EMPTY: '文档没有可用的段落：{path} (The document has no usable passages: {path})',
  CORPUS_NO_USABLE_DOCUMENT: '语料目录里没有可用的文档：{path}（{files}） (No usable document in the corpus {path}: {files})',
  RELOAD_REFUSED: '未重新加载：{files} 无法使用，请修复后再重新加载。 (Not reloaded: {files} cannot be used; fix it and reload again.)\n{reasons}',
  DUPLICATE_DOCUMENT: '两个文档同名 {id}：{a}、{b}，请改名其中一个。 (Two documents share the id {id}: {a} and {b}; rename one.)',
  CONFIG_INVALID: '配置无效：{reason} (Invalid configuration: {reason})',
  RELOAD_IN_PROGRESS: '正在重新加载语料，请稍后再试。 (A reload is already running: try again shortly.)',
  FORBIDDEN: '只有管理员可以使用这个命令。 (Only moderators can use this command.)',
  COOLDOWN: '请稍等 {seconds} 秒再提问。 (Please wait {seconds} s before asking again.)',
  INTERNAL: '抱歉，出了点问题，请稍后再试。 (Sorry, something went wrong: please try again later.)',
} as const;

/** A code from the catalog. */
export type ErrorCode = keyof typeof ERRORS;

/**
 * An error with a catalog code and the values its message needs. The core's codes are ERRORS';
 * an adapter passes its own catalog (`options.catalog`) for the errors only it can raise.
 */
export class BotError<C extends string = string> extends Error {
  readonly code: C;
  readonly params: Readonly<Record<string, string | number>>;
  /** The catalog message before its placeholders are filled: `render` fills it with other values. */
  readonly template: string;

  constructor(code: C & ErrorCode, params?: Record<string, string | number>, options?: { cause?: unknown });
  constructor(code: C, params: Record<string, string | number>, options: { cause?: unknown; catalog: Readonly<Record<C, string>> });
  constructor(code: C, params: Record<string, string | number> = {}, options?: { cause?: unknown; catalog?: Readonly<Record<C, string>> }) {
    const template = options?.catalog ? options.catalog[code] : ERRORS[code as string as ErrorCode];
    super(fillTemplate(template, params), options);
    this.name = 'BotError';
    this.code = code;
    this.params = Object.freeze({ ...params });
    this.template = template;
  }

  /** The message with other values for its placeholders (a transport escapes what it echoes). */
  render(params: Record<string, string | number>): string {
    return fillTemplate(this.template, params);
  }
}

/** Fills a message's `{name}` placeholders. */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Fills a catalog message's `{name}` placeholders. */
export function formatMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return fillTemplate(ERRORS[code], params);
}

/** The message to show a user for any thrown value: catalog errors as written, anything else as INTERNAL. */
export function userMessage(error: unknown): string {
  return error instanceof BotError ? error.message : formatMessage('INTERNAL');
}

/** True for errors that come from the catalog (expected), false for bugs. */
export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}
