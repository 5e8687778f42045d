import { html, trusted, type SafeHtml } from "./html.ts";

/**
 * A package's description is written in light Markdown (paragraphs, "- " lists, **bold**). It is
 * rendered here from escaped text, so that nothing in it can become markup but these three forms.
 */
export function renderDescription(text: string): SafeHtml {
  const blocks = text.split(/\n\s*\n/).filter((block) => block.trim());
  return html`${blocks.map((block) => {
    const lines = block.split("\n");
    if (/^\s*- /.test(lines[0]!)) {
      const items = block.split(/\n(?=\s*- )/).map((item) => html`<li>${inline(item.replace(/^\s*- /, ""))}</li>`);
      return html`<ul>${items}</ul>`;
    }
    return html`<p>${inline(block)}</p>`;
  })}`;
}

function inline(text: string): SafeHtml {
  const escaped = html`${text.replace(/\s*\n\s*/g, " ")}`.value;
  return trusted(escaped.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>"));
}
