/**
 * UI text in one place, by key (as teryl keeps locale keys): each message Chinese first, in the
 * reader's script, then English, joined by one rule (`say`). Core's answer sentences are Chinese
 * only: an answer is written in the question's script.
 */
import { toScript } from './core/text.js';
import type { Script } from './core/types.js';

/** A message in both languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** The one rule: the Chinese in the reader's script, a space, the English. */
export function say(message: Bilingual, script: Script = 'simplified'): string {
  return `${toScript(message.zh, script)} ${message.en}`;
}

/** The sentences the engine answers with when no passage answers, and the lead of several documents' answers. */
export const ANSWER_TEXT = {
  related: '文档中没有找到确切的答案，下面的段落可能相关。',
  none: '没有在文档中找到与这个问题相关的内容。',
  byDocument: '多个文档各有答案：',
} as const;

/** A page footer: `第 1/3 页 · 共 12 条 · page 1/3 · 12 matches`. */
function pageOf(page: number, pages: number, total: number, zhUnit: string, enUnit: string): Bilingual {
  return { zh: `第 ${page}/${pages} 页 · 共 ${total} ${zhUnit}`, en: `· page ${page}/${pages} · ${total} ${enUnit}` };
}

/** Labels, titles and notices of the Discord replies and buttons. */
export const UI = {
  // Answer embed.
  sources: { zh: '出处', en: 'Sources' },
  otherPassages: { zh: '其他段落', en: 'Other passages' },
  answersByDocument: { zh: '各文档的答案', en: 'Answers by document' },
  possiblyRelated: { zh: '可能相关的段落', en: 'Possibly related passages' },
  figures: { zh: '数字', en: 'Figures' },
  // Search and passage embeds.
  search: { zh: '搜索', en: 'Search:' },
  noPassageMatched: { zh: '没有找到相关段落。', en: 'No passage matched.' },
  searchPage: (page: number, pages: number, total: number): Bilingual => pageOf(page, pages, total, '条', 'matches'),
  passage: { zh: '段落', en: 'Passage' },
  // Figures embed; the table's column heads are Chinese only (the columns are narrow).
  figuresAbout: { zh: '数字', en: 'Figures:' },
  allFigures: { zh: '全部数字', en: 'All figures' },
  noFigures: { zh: '没有找到相关数字。', en: 'No figures about this topic.' },
  documents: { zh: '文档', en: 'Documents' },
  figuresPage: (page: number, pages: number, total: number): Bilingual => pageOf(page, pages, total, '个数字', 'figures'),
  columns: { measure: '项目', value: '数值', unit: '单位', passage: '段落' },
  // Source embed.
  corpus: { zh: '语料', en: 'Corpus' },
  index: { zh: '索引', en: 'Index' },
  reloaded: { zh: '重新加载', en: 'Reloaded' },
  builtAtStart: { zh: '启动时建立', en: 'Built at start-up' },
  notReloaded: { zh: '尚未重新加载', en: 'not reloaded yet' },
  skippedFiles: { zh: '已跳过的文件', en: 'Skipped files' },
  feedback: { zh: '反馈', en: 'Feedback' },
  documentCount: { zh: '篇文档', en: 'documents' },
  passageCount: { zh: '个段落', en: 'passages' },
  passagesOfDocument: { zh: '段', en: 'passages' },
  figureCount: { zh: '个数字', en: 'figures' },
  // Reload embeds.
  reloadComplete: { zh: '重新加载完成', en: 'Reload complete' },
  reloadFailed: { zh: '重新加载失败', en: 'Reload failed' },
  shardsUpdated: (updated: number, total: number): Bilingual => ({ zh: `已重新加载，${updated}/${total} 个分片已更新。`, en: `Reloaded: ${updated}/${total} shards updated.` }),
  shardsNotUpdated: (ids: string): Bilingual => ({ zh: `⚠️ 分片 ${ids} 未更新，仍使用旧索引。`, en: `Shard ${ids} not updated: still serving the previous index.` }),
  previousIndexServes: { zh: '旧索引继续服务。', en: 'The previous index keeps serving.' },
  passages: { zh: '段落', en: 'Passages' },
  inAll: { zh: '共', en: 'in all' },
  repairs: { zh: '修复', en: 'Repairs' },
  time: { zh: '用时', en: 'Time' },
  added: { zh: '新增', en: 'Added' },
  removed: { zh: '删除', en: 'Removed' },
  changed: { zh: '修改', en: 'Changed' },
  // Buttons; a passage button is `段落 3`.
  moreResults: { zh: '更多结果', en: 'More results' },
  showPassage: { zh: '查看段落', en: 'Show passage' },
  passageButton: '段落',
  previousPage: { zh: '◀ 上一页', en: 'Previous' },
  nextPage: { zh: '下一页', en: 'Next ▶' },
  previousPassage: { zh: '◀ 上一段', en: 'Previous' },
  nextPassage: { zh: '下一段', en: 'Next ▶' },
  // Feedback.
  thanksUp: { zh: '谢谢反馈！ 👍', en: 'Thanks for the feedback!' },
  thanksDown: { zh: '谢谢反馈，我们会改进。 👎', en: 'Thanks, noted.' },
} as const;

/**
 * The console's rule: the Chinese in the reader's script, then the English in brackets (a terminal
 * line reads as one sentence with its gloss, where Discord sets the two side by side).
 */
export function gloss(message: Bilingual, script: Script = 'simplified'): string {
  return `${toScript(message.zh, script)} (${message.en})`;
}

/** The console's text: command usages, notices, and the labels of its answers. */
export const CONSOLE = {
  usage: {
    ask: { zh: '/ask 问题 — 回答问题', en: 'answer a question; a line without a command does the same' },
    search: { zh: '/search 词语 — 最相关的段落', en: 'the best passages' },
    passage: { zh: '/passage ID — 查看一个段落及其前后段落', en: 'one passage whole, with its neighbours' },
    figures: { zh: '/figures [主题] — 某个主题的数据，不给主题则列出全部', en: 'figures about a topic, all without one' },
    source: { zh: '/source — 语料概况', en: 'what the corpus holds' },
    reload: { zh: '/reload — 从 corpus/ 和 config/ 重建索引', en: 'rebuild the index from corpus/ and config/' },
    new: { zh: '/new — 开始新的对话，后面的问题不再接着前面的问', en: 'a fresh conversation: the next question stands alone' },
    help: { zh: '/help — 命令列表', en: 'this list' },
  },
  newConversation: { zh: '已开始新的对话。', en: 'A fresh conversation.' },
  emptyLine: { zh: '请输入一个问题，或输入 /help 查看命令。', en: 'Type a question, or /help for the commands.' },
  noPassages: { zh: '没有找到匹配的段落。', en: 'No matching passages.' },
  noFigures: { zh: '没有找到相关数据。', en: 'No figures found.' },
  previousIndexServing: { zh: '之前的索引仍在服务。', en: 'The previous index is still serving.' },
  possiblyRelated: { zh: '可能相关的段落', en: 'possibly related passages' },
  // Labels before a colon, Chinese only (the console's answer reads as the documents do).
  answer: '答',
  figures: '数据',
  source: '来源',
  original: '原文',
  question: '问',
  // A skipped file's line reads `已跳过 skipped a.txt: …` (say's rule, the file name after it).
  skipped: { zh: '已跳过', en: 'skipped' },
} as const;

/**
 * The slash commands' descriptions: shown by the one rule (`say`) where Discord has no translation
 * for the user's language, and as the Chinese alone to users whose Discord is in Chinese.
 */
export const COMMAND_TEXT = {
  ask: { zh: '就文档提问', en: 'Ask a question about the documents' },
  askQuestion: { zh: '你的问题，如 昌吉州煤电装机多少？', en: 'Your question, e.g. 昌吉州煤电装机多少？' },
  figures: { zh: '按主题列出数字', en: 'Figures about a topic as a table' },
  figuresTopic: { zh: '数字所衡量的主题，如 装机（留空：全部）', en: 'What the figures measure, e.g. 装机 (empty: all)' },
  passage: { zh: '查看一个段落', en: 'Show one passage whole' },
  passageId: { zh: '段落编号（输入词语可查找）', en: 'Passage id (type words to find it)' },
  reload: { zh: '版主：从语料重建索引', en: 'Moderators: rebuild the index from the corpus' },
  search: { zh: '搜索段落', en: 'Search the passages' },
  searchQuery: { zh: '要查找的词语', en: 'Words to look for' },
  source: { zh: '语料概况', en: 'What the corpus holds' },
} as const;

/** Discord's description fields for a command or option: the one rule, and the Chinese per Chinese locale. */
export function describe(message: Bilingual): { description: string; localizations: Record<'zh-CN' | 'zh-TW', string> } {
  return { description: say(message), localizations: { 'zh-CN': message.zh, 'zh-TW': toScript(message.zh, 'traditional') } };
}
