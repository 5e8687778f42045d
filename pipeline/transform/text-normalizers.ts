import type { Normalizer } from "../declaration/types.ts";

/**
 * Text clean-ups a source commonly needs before parsing: identifiers typed with spaces
 * ("130 025 265"), non-breaking spaces from spreadsheets, stray case. Trimming always runs:
 * a trailing space is never meaningful in a published cell.
 */
export function normalizeText(text: string, normalizers: readonly Normalizer[]): string {
  let out = text.trim();
  for (const normalizer of normalizers) {
    switch (normalizer) {
      case "trim":
        break;
      case "digits":
        out = out.replace(/\D+/g, "");
        break;
      case "collapse-whitespace":
        out = out.replace(/\s+/g, " ");
        break;
      case "lowercase":
        out = out.toLowerCase();
        break;
      case "uppercase":
        out = out.toUpperCase();
        break;
    }
  }
  return out;
}
