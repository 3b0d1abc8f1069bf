/** A fresh temp folder for snapshot tests: a one-sentence corpus (a made-up GDP growth line) and an empty bot.json. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The folders of one temp corpus; `dataDir` is not created (the code under test makes it). */
export interface TempCorpus {
  dir: string;
  dataDir: string;
  corpusDir: string;
  configDir: string;
}

/** Makes the folder: corpus/a.txt holds one sentence, config/bot.json is `{}`. */
export async function makeTempCorpus(prefix = 'snapshot-'): Promise<TempCorpus> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const t = { dir, dataDir: path.join(dir, 'data'), corpusDir: path.join(dir, 'corpus'), configDir: path.join(dir, 'config') };
  await mkdir(t.corpusDir);
  await mkdir(t.configDir);
  await writeFile(path.join(t.corpusDir, 'a.txt'), '今年前三季度，昌吉州地区生产总值增长7.8%。');
  await writeFile(path.join(t.configDir, 'bot.json'), '{}');
  return t;
}
