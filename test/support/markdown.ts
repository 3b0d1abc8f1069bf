/** Test helpers to read what the bot sent: markdown stripped back to text. */

/** Removes bold markers and backslash escapes, and the zero-width space that defuses @everyone. */
export function plain(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
}

/** Every custom_id in a message's components. */
export function customIds(components: any[] | undefined): string[] {
  return (components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id as string));
}

/** The first button whose custom_id starts with a prefix (throws when none). */
export function button(components: any[] | undefined, prefix: string): any {
  const found = (components ?? []).flatMap((row: any) => row.components).find((c: any) => String(c.custom_id).startsWith(prefix));
  if (!found) throw new Error(`no button starting with ${prefix} in ${JSON.stringify(customIds(components))}`);
  return found;
}
