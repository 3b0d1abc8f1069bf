/** People named in a passage, found by the patterns Chinese news writes them in (no name dictionary needed). */

const HAN_NAME = '[\\p{Script=Han}]{2,3}?';
/** Titles written right before a name: 州长郑敏, 记者盖有军. */
const TITLES = ['州长', '书记', '主任', '局长', '县长', '市长', '省长', '区长', '主席', '厅长', '部长', '院长', '校长', '董事长', '总经理', '经理', '院士', '教授', '记者', '通讯员'];
/** Verbs of saying that follow a speaker: 郑敏介绍, 郑敏表示. */
const SAYS = '作|介绍|表示|说|指出|强调|称|透露|报道|摄';

const PATTERNS: RegExp[] = [
  // A photo credit ends a caption: …何龙摄.
  /(?:^|[。，、\s])([\p{Script=Han}]{2,3})(?:摄影|摄)。?$/u,
  // Title + name + verb: 州长郑敏作介绍, 记者盖有军报道.
  new RegExp(`(?:${TITLES.join('|')})(${HAN_NAME})(?=${SAYS}|[，、。）)])`, 'gu'),
  // A speaker opening a clause: ”郑敏介绍，
  new RegExp(`(?:^|[，。；”"])(${HAN_NAME})(?=介绍|表示|指出|强调|透露)`, 'gu'),
];

/** Names of people a passage mentions, in order of first appearance. */
export function findPeople(text: string): string[] {
  const found: Array<[number, string]> = [];
  for (const re of PATTERNS) {
    for (const m of text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))) {
      const name = m[1]!;
      found.push([(m.index ?? 0) + m[0].indexOf(name), name]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  return [...new Set(found.map(([, n]) => n))];
}
