import { Marked, type Tokens } from "marked";

/**
 * The documentation as a standalone HTML page, from the very Markdown the package ships, for
 * people who read it in a browser (the site links it). Cells come from the sources, so raw
 * HTML in the Markdown is shown as text and only web and mail links are made clickable.
 */
export function renderDocumentationHtml(markdown: string, title: string): string {
  const body = marked.parse(markdown, { async: false });
  return [
    "<!doctype html>",
    '<html lang="fr">',
    "<head>",
    '<meta charset="utf-8">',
    // A page on its own, in any folder: without an icon of its own, a browser asks the server's root for /favicon.ico.
    '<link rel="icon" href="data:,">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} – documentation</title>`,
    // A standalone page: without an icon of its own, a browser asks the server's root for /favicon.ico.
    '<link rel="icon" href="data:,">',
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    body.trim(),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const SAFE_LINK = /^(https?:|mailto:|#)/i;

const marked = new Marked({
  gfm: true,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      if (!SAFE_LINK.test(href)) return text;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ""}>${text}</a>`;
    },
  },
});

/** Readable on a phone: a text column, tables that scroll sideways instead of widening the page. */
const STYLE = [
  "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Marianne,Arial,sans-serif;line-height:1.5;color:#161616;background:#fff}",
  "main{max-width:60rem;margin:0 auto;padding:1rem}",
  "table{display:block;overflow-x:auto;border-collapse:collapse;margin:1rem 0}",
  "th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}",
  "th{background:#f6f6f6}",
  "code{background:#f6f6f6;padding:0 .2rem;border-radius:3px}",
  "pre{background:#f6f6f6;padding:.75rem;overflow-x:auto}",
  "a{color:#000091}",
].join("");

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
