/**
 * How udata normalises tags and uploaded file names (python-slugify with unidecode):
 * transliterated to ASCII, lowercased, every run of other characters becomes one "-",
 * no "-" at either end. We compute it to compare with what the server stored.
 */

// Letters that Unicode decomposition does not bring down to ASCII, as unidecode writes them.
const TRANSLITERATIONS: Record<string, string> = {
  "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
  "ł": "l", "Ł": "L", "ð": "d", "þ": "th", "µ": "u", "μ": "u", "’": "'",
};

export function slugify(text: string, options: { keepDots?: boolean } = {}): string {
  const ascii = Array.from(text, (char) => TRANSLITERATIONS[char] ?? char).join("").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const disallowed = options.keepDots ? /[^a-z0-9.]+/g : /[^a-z0-9]+/g;
  return ascii.toLowerCase().replace(disallowed, "-").replace(/^-+|-+$/g, "");
}

/** Tags as udata stores them: slugified, deduplicated, sorted. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => slugify(tag)))].sort();
}

/** The title udata gives to an uploaded file: its normalised file name. */
export function uploadedTitle(filename: string): string {
  return slugify(filename, { keepDots: true });
}
