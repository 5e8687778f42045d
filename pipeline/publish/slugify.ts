/**
 * The slugs of data.gouv.fr: how udata normalises dataset slugs, tags and uploaded file names
 * (docs/datagouv-api.md §6.1). udata calls awesome-slugify 1.6.5 with `to_lower=True`: unidecode
 * brings the text down to ASCII, it is lowercased, apostrophes are dropped (`l'État` → `letat`),
 * every run of other characters between words becomes one `-`. File names keep `.` (`safe_chars`).
 *
 * We compute the same to compare with what the server stored, and the fake server uses this very
 * function, so the two can only disagree with udata together: slugify.test.ts holds udata's and
 * awesome-slugify's own examples.
 */

// Where Unicode decomposition (NFKD) does not give unidecode's ASCII: the Latin letters and the
// punctuation and currency signs a French title may hold. Other scripts (Cyrillic, Greek, CJK…)
// are not transliterated here: their letters separate words, where udata would spell them out.
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  // Letters
  "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "Ø": "O", "ø": "o", "Ð": "D", "ð": "d", "Þ": "Th", "þ": "th",
  "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "ĸ": "k", "Ŀ": "L", "ŀ": "l", "Ł": "L", "ł": "l", "ŉ": "'n",
  "Ŋ": "NG", "ŋ": "ng", "Ŧ": "T", "ŧ": "t", "ƒ": "f", "µ": "u",
  // Apostrophes and primes: unidecode writes them `'`, which awesome-slugify then drops
  "´": "'", "ʹ": "'", "ʼ": "'", "ˈ": "'", "‘": "'", "’": "'", "‛": "'", "′": "'", "″": "''", "‴": "'''",
  // Signs spelled out in letters or digits
  "©": "(c)", "®": "(r)", "°": "deg", "§": "SS", "¶": "P", "×": "x", "‰": "%0", "‱": "%00", "⁊": "7", "⁋": "PP",
  "¢": "C/", "£": "PS", "¥": "Y=", "€": "EUR", "₠": "ECU", "₡": "CL", "₢": "Cr", "₣": "FF", "₤": "L", "₥": "mil",
  "₦": "N", "₧": "Pts", "₩": "W", "₪": "NS", "₫": "D", "₭": "K", "₮": "T", "₯": "Dr",
  // Invisible characters vanish, so the letters around them stay one word
  "\u00ad": "", "\u200c": "", "\u200d": "", "\u200e": "", "\u200f": "",
  "\u202a": "", "\u202b": "", "\u202c": "", "\u202d": "", "\u202e": "",
  "\u206a": "", "\u206b": "", "\u206c": "", "\u206d": "", "\u206e": "", "\u206f": "",
};

/** `text` in ASCII where unidecode would write it so; other characters are left as they are. */
function transliterate(text: string): string {
  return Array.from(text, (char) => TRANSLITERATIONS[char] ?? char)
    .join("")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

export interface SlugOptions {
  /** The file-name variant (`safe_chars="."`): dots stay, `Test_Update.TXT` → `test-update.txt`. */
  keepDots?: boolean;
  /** udata's dataset slugs: 255. Words that would overflow are left out; a first word longer than this is cut. */
  maxLength?: number;
}

export function slugify(text: string, options: SlugOptions = {}): string {
  const unwanted = options.keepDots ? /[^a-z0-9.]+/ : /[^a-z0-9]+/;
  const words = transliterate(text).toLowerCase().replace(/'/g, "").split(unwanted).filter((word) => word !== "");
  return joinWords(words, options.maxLength);
}

/** awesome-slugify's `join_words`: each word is added while the slug stays within the limit. */
function joinWords(words: string[], maxLength: number | undefined): string {
  if (!maxLength) return words.join("-");
  let slug = words[0] ?? "";
  for (const word of words.slice(1)) {
    if (slug.length + 1 + word.length <= maxLength) slug += `-${word}`;
  }
  return slug.slice(0, maxLength);
}

/** Tags as udata stores them: slugified, deduplicated, sorted. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => slugify(tag)))].sort();
}

/** The title udata gives to an uploaded file: its normalised file name. */
export function uploadedTitle(filename: string): string {
  return slugify(filename, { keepDots: true });
}
