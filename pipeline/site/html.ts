/**
 * HTML built from data must never let a cell become markup: every interpolated value is
 * escaped unless it is itself the output of `html` (or a constant passed through `trusted`).
 * A hostile cell such as `<script>` therefore always reaches the page as text.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(value: Part): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Template tag: literal parts are markup, interpolations are text (escaped) unless SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new SafeHtml(out);
}

/** Markup written by us, never by data (e.g. an inline SVG path we computed). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A link taken from data: http(s) only, so a `javascript:` URL in a cell never becomes a link. */
export function externalUrl(url: unknown): string | undefined {
  return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}
