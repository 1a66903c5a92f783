/**
 * The few encoders that the libraries behind the exports do not provide (xmlbuilder2 escapes XML,
 * ical-generator escapes event text, `yaml` writes valid YAML). Each output escapes what its own
 * format needs; the README's "What we escape where" lists them. Pure: no Strapi import.
 */

/**
 * A `<` that opens markup: followed by a letter (a tag), `/` (a closing tag), `!` (a comment or a
 * doctype) or `?` (a processing instruction). Browsers open a tag only on an ASCII letter; any letter
 * counts here, for margin. "a < b" and "x<3" are text. Full-width "＜" (U+FF1C) and small "﹤" (U+FE64)
 * are text too: no HTML, Markdown or XML parser reads them as "<", and no output here applies the
 * compatibility normalisation (NFKC) that would turn them into one.
 */
const MARKUP_START = /<[\p{L}/!?]/u;

export const containsMarkup = (text: string): boolean => MARKUP_START.test(text);

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text in HTML, in an element or in a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);

/** Plain text as the HTML part of a mail: paragraphs at blank lines, line breaks kept. */
export const htmlParagraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');

/**
 * Characters that give structure to a Markdown page in a static site, written as numeric references:
 * `<` `>` `&` (raw HTML, which markdown-it with `html: true`, kramdown and goldmark's unsafe mode pass
 * through), `[` `]` (links, images, footnotes, reference definitions: a `javascript:` link needs no
 * `<`), `{` `}` (kramdown attribute lists such as `{: onclick=…}`, and the Liquid, Nunjucks or Hugo
 * shortcode tags that Jekyll, Eleventy and Hugo evaluate in content) and `\` (so that a backslash
 * cannot cancel one of these). CommonMark never reads a reference as structure; emphasis and lists
 * still work.
 */
const MARKDOWN_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '&#91;',
  ']': '&#93;',
  '{': '&#123;',
  '}': '&#125;',
  '\\': '&#92;',
};

/** Text from the data in the body of a Markdown page. */
export const markdownText = (text: string): string => text.replace(/[&<>[\]{}\\]/g, (c) => MARKDOWN_ENTITIES[c]);

/** The same, on one line: for a heading, a list of names, a place. */
export const markdownInline = (text: string): string => markdownText(text.replace(/\s+/g, ' ').trim());

/**
 * A value of the YAML front matter. Templates print it, and Liquid (Jekyll, Eleventy) and Nunjucks
 * (Eleventy) do not escape by default: a `<` that would open markup is written `&lt;`, which such a
 * template shows as "<" and which can open nothing. Other text is left as it is.
 */
export const neutraliseMarkup = (text: string): string => text.replace(/<(?=[\p{L}/!?])/gu, '&lt;');

/** An absolute address with one of the given schemes (http and https by default), normalised; otherwise null (`javascript:`, `data:`, not a URL). */
export function safeUrl(raw: unknown, schemes: readonly string[] = ['http:', 'https:']): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim());
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A normalised address (from `safeUrl`, so ASCII only) as a Markdown link destination: what would end
 * the destination, or open a template tag, is percent-encoded.
 */
export const markdownDestination = (href: string): string =>
  href.replace(/[\s()<>{}\\"'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** A mail header on one line: CR and LF could otherwise start a header of their own. */
export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ');
