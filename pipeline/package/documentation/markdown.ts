/** Small Markdown builders shared by the generated documents (dataset documentation, schema READMEs). */

/** Inline code; values holding a backtick get the double-backtick form. */
export function code(value: string | undefined): string {
  if (value === undefined) return "";
  return value.includes("`") ? `\`\` ${value} \`\`` : `\`${value}\``;
}

/** A table cell: no line break and no bare pipe, which would end the cell. */
export function cell(value: string): string {
  return value.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

export function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

/**
 * A French number: no-break space between thousands, decimal comma (`6 000 000`, `0,75`).
 * Written by hand rather than with Intl, whose output changes with the ICU version of Node.
 */
export function frenchNumber(value: number): string {
  const [whole = "", fraction] = String(Math.round(value * 100) / 100).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  return `${sign}${grouped}${fraction === undefined ? "" : `,${fraction}`}`;
}

/** `2020-11-16` → `16/11/2020`. */
export function frenchDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}

/** `0 ligne` reads wrong in French: "aucune ligne", "1 ligne", "3 lignes". */
export function countOf(count: number, singular: string, plural: string, none: string): string {
  if (count === 0) return none;
  return `${count} ${count > 1 ? plural : singular}`;
}
