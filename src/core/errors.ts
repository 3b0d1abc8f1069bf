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
  DM_DISABLED: '本机器人只在服务器频道里回答问题。 (This bot answers in server channels only.)',
  DISCORD_TOKEN_REJECTED: 'Discord 拒绝了这个令牌：请检查 DISCORD_TOKEN（开发者门户 → Bot → Reset Token）。 (Discord rejected the token: check DISCORD_TOKEN — Developer Portal → Bot → Reset Token.)',
  DISCORD_INTENT_DISABLED:
    'Discord 拒绝了 Message Content 特权意图：请在开发者门户 → Bot → Privileged Gateway Intents 中启用它，或在 config/bot.json 中设置 "messageContentIntent": false。 (Discord refused the Message Content intent: enable it under Developer Portal → Bot → Privileged Gateway Intents, or set "messageContentIntent": false in config/bot.json.)',
  DISCORD_GATEWAY_REFUSED: 'Discord 网关拒绝了连接（关闭码 {code}）。 (The Discord gateway refused the connection: close code {code}.)',
  DISCORD_MISSING_ACCESS:
    'Discord 拒绝访问（403）：机器人是否已加入 GUILD_ID 指定的服务器，并以 applications.commands 范围邀请？ (Discord refused access (403): is the bot in the GUILD_ID server, invited with the applications.commands scope?)',
  DISCORD_UNKNOWN_TARGET: 'Discord 找不到这个应用或服务器（404）：请检查 DISCORD_CLIENT_ID 和 GUILD_ID。 (Discord knows no such application or server (404): check DISCORD_CLIENT_ID and GUILD_ID.)',
  DISCORD_REFUSED: 'Discord 拒绝了请求（HTTP {status}）：{detail} (Discord refused the request (HTTP {status}): {detail})',
  DISCORD_UNREACHABLE: '无法连接 Discord（{reason}）：请检查网络连接或代理。 (Could not reach Discord ({reason}): check the network connection or proxy.)',
  DISCORD_SHARDING_REQUIRED: 'Discord 要求分片（关闭码 4011：机器人已加入约 2,500 个以上的服务器）：请设置 SHARDS=auto。 (Discord requires sharding (close code 4011: the bot is in about 2,500 servers or more): set SHARDS=auto.)',
  SHARD_COUNT_UNKNOWN: '无法从 Discord 获取推荐的分片数（{reason}）：请把 SHARDS 设为一个数字。 (Could not get the recommended shard count from Discord ({reason}): set SHARDS to a number.)',
  SNAPSHOT_INVALID: '索引快照无效：{reason} (The index snapshot is invalid: {reason})',
  UNSUPPORTED_INTERACTION: '这个操作不受支持：请用斜杠命令或按钮提问。 (This action is not supported: please use a slash command or a button.)',
  BUTTON_EXPIRED: '这个按钮已过期，请重新提问。 (This button has expired: please ask again.)',
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
