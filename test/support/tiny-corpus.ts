/** A tiny made-up corpus (not the seed's text) in a temp folder, for engine, store and console tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

/** Traditional, in the seed's "title / dateline / caption / body" shape, with pinyin annotations `(yè)`. */
export const WUSU_TXT = [
  '烏蘇市著力打造新能源產業(yè)基地',
  '2024-03-05 10:00:00 來源: 天山網-新疆日報原創',
  '3月5日，烏蘇市光伏產業園，運維人員在檢查設備運行情況。李華攝',
  '今年以來，烏蘇市風電裝機超2800萬千瓦、位居全疆第一。',
  '烏蘇市全年發電量達410億千瓦時，其中綠電比例超40%。',
  '該市實施了158個延鏈補鏈項目，完成工業固投231.5億元。',
  '',
].join('\n');

/** Simplified Markdown with front matter. */
export const HAMI_MD = [
  '---',
  'title: 哈密市推进节水灌溉',
  'source: 哈密日报',
  'date: 2024-05-20',
  '---',
  '哈密市今年新增高效节水灌溉面积12.6万亩，覆盖全市一半耕地。',
  '全市建成首个数字化灌区，年节水量约3000万立方米。',
  '5月20日，哈密市在伊州区召开节水灌溉现场会。',
  '',
].join('\n');

export interface TinyCorpus {
  root: string;
  corpusDir: string;
  configDir: string;
  remove(): void;
}

/** Writes the two documents and a config (synonyms and stop words copied from `config/`) to a temp folder. */
export function makeTinyCorpus(prefix = 'wenda-tiny-'): TinyCorpus {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const corpusDir = path.join(root, 'corpus');
  const configDir = path.join(root, 'config');
  fs.mkdirSync(corpusDir);
  fs.mkdirSync(configDir);
  fs.writeFileSync(path.join(corpusDir, 'wusu-energy.txt'), WUSU_TXT);
  fs.writeFileSync(path.join(corpusDir, 'hami-water.md'), HAMI_MD);
  for (const f of ['synonyms.txt', 'stopwords.txt']) fs.copyFileSync(path.join(REPO, 'config', f), path.join(configDir, f));
  fs.writeFileSync(path.join(configDir, 'userdict.txt'), '延链补链\n');
  return { root, corpusDir, configDir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
