/** Sentences: splitting text at sentence marks, and grouping short sentences into passages. */

/** Sentence ends: the mark and any closing quotes after it stay with the sentence. */
const SENTENCE = /[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)/gu;
/** A sentence shorter than this (in characters) is joined to the next one: alone it answers nothing. */
const MIN_SENTENCE = 14;

/** Splits text into sentences (。！？；), closing quotes kept with their sentence. */
export function splitSentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Groups sentences into passages: short ones join the next within the paragraph. Returns [first sentence index, text]. */
export function groupSentences(sentences: string[]): Array<[number, string]> {
  const groups: Array<[number, string]> = [];
  let start = 0;
  let buffer = '';
  sentences.forEach((s, i) => {
    if (!buffer) start = i;
    buffer += s;
    // A sentence that is all quotation (“今天的昌吉，……。”) belongs with the next, which says who said it.
    const quotation = /^[“"「『][^“”]*[”"」』]$/u.test(buffer) && i + 1 < sentences.length;
    if ([...buffer].length >= MIN_SENTENCE && !quotation) {
      groups.push([start, buffer]);
      buffer = '';
    }
  });
  if (buffer) {
    const last = groups.at(-1);
    // A short tail joins the previous passage rather than standing alone.
    if (last) last[1] += buffer;
    else groups.push([start, buffer]);
  }
  return groups;
}
