/** Which encoding a document's bytes are in: UTF-8, else GB18030 (GBK) or Big5 when one of them reads as Chinese. */
import iconv from 'iconv-lite';
import { toTraditional } from './text.js';

/** The encodings a document may be in, as iconv-lite names them. */
export type TextEncoding = 'utf-8' | 'gb18030' | 'big5';

/** How each encoding is named to a person ("read as GBK"). */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = { 'utf-8': 'UTF-8', gb18030: 'GBK', big5: 'Big5' };

/** The encodings tried, in order, as a refusal names them. */
export const ENCODINGS_TRIED = 'UTF-8, GBK/GB18030, Big5';

/**
 * About 400 of the most frequent characters of modern Chinese. Real text in the right encoding is
 * mostly made of them (about half its characters); the same bytes read in the wrong one of GBK and
 * Big5 give valid but arbitrary characters, of which few are common (a tenth or less).
 */
const FREQUENT_SIMPLIFIED =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷增设施省县州项企展';

let frequent: Set<string> | undefined;
/** The frequent characters in both scripts (built on first use: only a non-UTF-8 file needs them). */
function frequentChars(): Set<string> {
  return (frequent ??= new Set([...FREQUENT_SIMPLIFIED, ...toTraditional(FREQUENT_SIMPLIFIED)]));
}

/** Below this share of frequent characters a decoding is taken for noise, not Chinese. */
const MIN_FREQUENT_SHARE = 0.2;
/** Below this share of Han characters among the non-ASCII ones, the text is not Chinese. */
const MIN_HAN_SHARE = 0.6;

/** How much a decoded text reads as Chinese: the share of its Han characters that are frequent ones, or -1 when it is not Chinese at all. */
export function chineseScore(text: string): number {
  if (text.includes('\uFFFD')) return -1; // a byte sequence the encoding does not have
  let nonAscii = 0;
  let han = 0;
  let common = 0;
  const chars = frequentChars();
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80 || /\s/u.test(ch)) continue;
    nonAscii++;
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (chars.has(ch)) common++;
    }
  }
  if (han === 0 || han / nonAscii < MIN_HAN_SHARE) return -1;
  // A few characters cannot show a frequency: any valid Han decoding of them is taken at face value.
  if (han < 8) return 1 + common / han;
  const share = common / han;
  return share >= MIN_FREQUENT_SHARE ? share : -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a document's bytes: UTF-8 when they are valid UTF-8, else the one of GB18030 and Big5
 * that decodes without a gap and reads more as Chinese; null when none does (binary or another encoding).
 */
export function decodeChinese(bytes: Uint8Array): { text: string; encoding: TextEncoding } | null {
  if (bytes.includes(0)) return null; // NUL bytes: binary (or UTF-16, which Chinese text files rarely are)
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try the two legacy encodings of Chinese text
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let best: { text: string; encoding: TextEncoding; score: number } | null = null;
  for (const encoding of ['gb18030', 'big5'] as const) {
    const text = iconv.decode(buffer, encoding, { stripBOM: true });
    const score = chineseScore(text);
    // Ties go to GB18030 (tried first): short mainland texts are the more common case.
    if (score >= 0 && (!best || score > best.score)) best = { text, encoding, score };
  }
  return best && { text: best.text, encoding: best.encoding };
}
