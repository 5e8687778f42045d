/**
 * A text a spreadsheet would read as a formula when someone edits the cell (=, +, -, @, or a
 * tab or carriage return before one) gets a leading apostrophe, as OWASP advises against
 * formula injection: the text stays readable and never runs.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Excel refuses a cell longer than this (the file is then reported as damaged). */
export const XLSX_MAX_CELL_CHARACTERS = 32_767;

export function fitCell(text: string): string {
  return text.length <= XLSX_MAX_CELL_CHARACTERS ? text : `${text.slice(0, XLSX_MAX_CELL_CHARACTERS - 1)}…`;
}
