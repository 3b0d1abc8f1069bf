/** Discord markup in a question: mentions and custom emoji are the transport's, removed before the engine reads the text. */

/** The text without mentions and custom emoji (<@123>, <@&1>, <#1>, <:name:id>, @everyone, @here): they are markup, not words. */
export function withoutMentions(text: string): string {
  return text.replace(/<a?[@#:][^>]*>/g, ' ').replace(/@(?:everyone|here)/g, ' ');
}
