/**
 * Untrusted text (bulletins, model output, file names, user input) placed in Feishu card markdown.
 * Feishu renders `<at id=all></at>`, `<font>`, `<a>`, `<link>` and other tags, and `[text](url)`
 * links and `![alt](key)` images; its documented escape is the HTML entity (`&#60;` shows "<").
 * So every `<`, `>`, `[` and `]` becomes an entity, which kills every tag and every link or
 * image, while the text reads the same. A citation marker "[3]" is kept as it is when other text
 * follows it that is not "(" or ":" (which would make it a link or a link definition); at the
 * end it is escaped too, so escaped pieces (streamed tokens, say) can be joined safely. Emphasis
 * such as `**` is left alone: the summary prompt asks the model for bold headings, and bold
 * cannot reach anybody.
 *
 * @example
 * escapeMarkdown("<at id=all></at>见[通知](javascript:alert(1))[2]。")
 * // "&#60;at id=all&#62;&#60;/at&#62;见&#91;通知&#93;(javascript:alert(1))[2]。"
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\[\d{1,3}\](?!\s*(?:[(:]|$))|[<>[\]]/g, (match) => (match.length > 1 ? match : entity(match)));
}

function entity(character: string): string {
  return `&#${character.codePointAt(0)};`;
}

/**
 * A link target we built ourselves (signed issue links): only an absolute http(s) URL, with the
 * characters that could end the markdown link percent-encoded. Anything else gives undefined.
 */
export function linkTarget(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  return parsed.href.replace(/[()'"<>\s[\]]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** `[label](url)` with the label escaped, or just the escaped label when the URL is not an http(s) link. */
export function markdownLink(options: { label: string; url: string | undefined }): string {
  const target = linkTarget(options.url);
  const label = options.label.replace(/[<>[\]]/g, entity);
  return target ? `[${label}](${target})` : label;
}
