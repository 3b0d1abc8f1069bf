/** Words that say what a question asks rather than what it is about: kinds of passage, times, question words. */
import type { PassageKind } from './types.js';

/** Words that ask about a part of a news document rather than its topic. */
export const KIND_WORDS: ReadonlyMap<string, PassageKind> = new Map<string, PassageKind>([
  ...['标题', '题目', '题为', '大标题', '主标题'].map((w) => [w, 'headline'] as [string, PassageKind]),
  ...['来源', '出处', '媒体', '哪家', '刊发', '发布时间', '几点', '发稿', '原创', '发表', '发布', '发出', '刊登'].map((w) => [w, 'dateline'] as [string, PassageKind]),
  ...['照片', '图片', '配图', '拍', '拍摄', '摄影', '摄', '图中', '画面'].map((w) => [w, 'caption'] as [string, PassageKind]),
]);

/** Times that change what a question asks (去年 is not 今年): a passage must state them. */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  '今年', '去年', '前年', '明年', '后年', '上年', '本年', '当年', '年内', '全年', '今年以来', '近年', '近年来',
  '上半年', '下半年', '前三季度', '一季度', '二季度', '三季度', '四季度', '第一季度', '第二季度', '第三季度', '第四季度',
  '本月', '上月', '下月', '今天', '昨天', '明天', '未来', '过去', '十四五', '十三五', '十五五',
]);

/**
 * A segment that is only a question word (哪一条, 何种, 什么样, 多少, 几个): it says what kind of
 * answer is wanted, not what the question is about, so it is not searched. Written as a pattern
 * because the forms are open-ended (哪 + 一 + any measure word); the stop-word list holds the rest.
 */
export const QUESTION_WORD = /^(?:哪[一些个种类位条座所家间项年月天里儿边方国]{0,3}|何[种者时地处人年为]|为何|为什么|什么[样的人时]?|甚么|啥|谁|多少[个种次年位条项名家座天人]?|多久|多长|几[个种次年位条项名家座天月日岁届]?)$/u;

/**
 * A question phrase, cut out of the question before it is segmented against the index's words:
 * 哪 + 一 + a measure word (哪一年, 哪一个, 哪一部分) would segment as 哪 + 一年, and 一年 be searched
 * as if the question were about a year. 公元 / 西元 before the year asked is part of asking it, and
 * so is the 的时候 / 时 after it (在哪一年时, 几年的时候): passages state the year, not those words.
 * The 东西 of 什么东西 is what is asked, and a passage names the thing, never 东西. A noun after
 * 哪个 stays a term (哪个朝代, 哪个国家: passages do write 朝代, 国家; cutting them cost DRCD two
 * top-1 hits). Not 哪吒 (a name) or 哪怕 (even if).
 */
export const QUESTION_PHRASE =
  /(?:(?:西元|公元)前?)?(?:哪(?![吒怕])一?(?:(?:部分|方面|世纪|年代|时期|时代|朝代|个月)|[个位种类些场次条部本家所座项届支首只名件处份批间颗篇门架艘队年天日月句里儿边国])?|几年)(?:的时候|时候|时(?![间期代]))?|什么东西/gu;

/**
 * The classifier of a question word that is a noun too and begins compounds: 多少人口 is 多少 +
 * 人口 (population), not 多少人 + 口, and 多少人员, 多少人数 likewise. Only 人: 年 and 天 begin
 * times (年前, 天后) that are better left with the question word, and 个, 位, 名 are classifiers only.
 */
export const NOUN_CLASSIFIER = /^(多少|几)(人)$/u;

/**
 * A question asking where something is: 在 + a where-word at its end (X在哪里, X在何处), not
 * 在哪里举行 (where something happened). Texts state where a thing is with 位于 (X位于…).
 */
export const WHERE_IS = /在(哪里|哪儿|哪|何处|何地|什么地方)(?=[\s？?。]*$)/u;

/**
 * A question word anywhere in a question: it asks for something it does not say. 多大, 多高 … ask
 * a measure, except inside a name (多伦多大学) or after 很多 / 许多 / 诸多 (许多长跑选手).
 */
export const ASKS_FOR = /谁|什么|甚么|啥|哪|何|多少|几|(?<![很许诸众繁颇伦差])多[大高长久重远深宽快]/u;
