/**
 * python-slugify as udata configures it: transliterate to ASCII (unidecode), lowercase,
 * every run of disallowed characters becomes one `-`, no leading or trailing `-`.
 */

// Letters NFKD does not decompose into ASCII, transliterated as unidecode does.
const TRANSLITERATIONS: Record<string, string> = {
  "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
  "ł": "l", "Ł": "L", "ð": "d", "þ": "th", "µ": "u", "μ": "u", "€": "EUR", "’": "'", "‘": "'",
};

export function transliterate(text: string): string {
  return Array.from(text, (char) => TRANSLITERATIONS[char] ?? char)
    .join("")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** `keepDots` is the filename variant (`safe_chars='.'`). */
export function slugify(text: string, options: { keepDots?: boolean; maxLength?: number } = {}): string {
  const disallowed = options.keepDots ? /[^a-z0-9.]+/g : /[^a-z0-9]+/g;
  let slug = transliterate(text).toLowerCase().replace(disallowed, "-").replace(/^-+|-+$/g, "");
  if (options.maxLength !== undefined && slug.length > options.maxLength) {
    slug = slug.slice(0, options.maxLength).replace(/-+$/, "");
  }
  return slug;
}
