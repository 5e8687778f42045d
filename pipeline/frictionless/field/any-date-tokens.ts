/**
 * The tokens the `any` date/time reader works on, cut as python-dateutil's lexer cuts them
 * (docs: any-date.ts): a run of letters is one token, a run of digits another, each space or other
 * character a token of its own (spaces become " "). Dots are the hard part, being separators
 * ("Sep.20.2009") or decimal points ("10:49:41.502"): a run of letters and digits joined by dots
 * is read whole, then cut at every dot and comma unless it is one plain number with one decimal
 * point, where a decimal comma ("41,502", after two digits or more) becomes a point.
 *
 * Characters are classified as Python's str methods do: letters are Unicode letters, digits are
 * decimal digits of any script (read here as their ASCII value), spaces are Python's whitespace.
 * NUL characters are skipped.
 */

const LETTER = /^\p{L}$/u;
/** Python's whitespace: JavaScript's \s differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const SPACES = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  ...Array.from({ length: 11 }, (_, k) => 0x2000 + k), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
const OTHER_DIGITS = /\p{Nd}/gu;
const DECIMAL_MARKS = /([.,])/;

const isLetter = (c: string): boolean => LETTER.test(c);
const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isSpace = (c: string): boolean => SPACES.has(c.codePointAt(0) as number);

/** An ASCII digit for a decimal digit of another script: Unicode encodes each script's 0–9 in a row. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) as number;
  let zero = code;
  while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
  return String((code - zero) % 10);
}

type State = "letters" | "digits" | "letters." | "digits.";

/** One raw token from `at`: its text, its final state, whether it held letters past the first character. */
function readRaw(chars: readonly string[], at: number): { text: string; end: number; state: State | undefined; sawLetters: boolean } {
  const first = chars[at] as string;
  if (isSpace(first)) return { text: " ", end: at + 1, state: undefined, sawLetters: false };
  if (!isLetter(first) && !isDigit(first)) return { text: first, end: at + 1, state: undefined, sawLetters: false };
  let state: State = isLetter(first) ? "letters" : "digits";
  let text = first;
  let sawLetters = false;
  let end = at + 1;
  for (; end < chars.length; end++) {
    const c = chars[end] as string;
    if (state === "letters" || state === "letters.") sawLetters = true;
    if (state === "letters") {
      if (isLetter(c)) text += c;
      else if (c === ".") { text += c; state = "letters."; } else break;
    } else if (state === "digits") {
      if (isDigit(c)) text += c;
      else if (c === "." || (c === "," && text.length >= 2)) { text += c; state = "digits."; } else break;
    } else if (state === "letters.") {
      if (c === "." || isLetter(c)) text += c;
      else if (isDigit(c) && text.endsWith(".")) { text += c; state = "digits."; } else break;
    } else if (c === "." || isDigit(c)) text += c;
    else if (isLetter(c) && text.endsWith(".")) { text += c; state = "letters."; } else break;
  }
  return { text, end, state, sawLetters };
}

export function splitDateTokens(input: string): string[] {
  const text = /[^\p{ASCII}]/u.test(input) ? input.replace(OTHER_DIGITS, asciiDigit) : input;
  const chars = Array.from(text.replaceAll("\u0000", ""));
  const tokens: string[] = [];
  for (let at = 0; at < chars.length;) {
    const raw = readRaw(chars, at);
    at = raw.end;
    let token = raw.text;
    const dotted = raw.state === "letters." || raw.state === "digits.";
    const dots = token.split(".").length - 1;
    if (dotted && (raw.sawLetters || dots > 1 || token.endsWith(".") || token.endsWith(","))) {
      const parts = token.split(DECIMAL_MARKS);
      token = parts[0] as string;
      tokens.push(token, ...parts.slice(1).filter((part) => part !== ""));
      continue;
    }
    if (raw.state === "digits." && dots === 0) token = token.replaceAll(",", ".");
    tokens.push(token);
  }
  return tokens;
}
