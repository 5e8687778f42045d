import { describe, expect, it } from "vitest";
import { shortTexts } from "../../../fakes/fixtures/short-texts.ts";
import { compileSimplePattern } from "./simple-pattern.ts";

const patterns = [
  "^\\d{9}$", "\\d{14}", "[0-9]{5}", "^[0-9]{2}$", "FR[0-9]{2}", "[A-Z]{2}-\\d{3}", "[0-9A-F]{4}", "L-[0-9]{6}",
  "[a-z\\-_]{3}", "2[AB]\\d{3}", "\\w{4}", "[é-ë]x", "a\\.b", "[a-]{2}",
];
const notSimple = ["\\d+", "\\d{2,3}", "(a|b)", "a|b", "[^0-9]{2}", ".{3}", "\\d*", "a?", "[\\u00C0-\\u00FF]", "\\p{L}", "[a-z]{1,}", "[]a]"];
const inputs = [
  "", "1", "12", "123456789", "12345678", "1234567890", "12345678901234", "75001", "2A123", "2B123", "2C123", "FR12", "fr12",
  "AB-123", "ab-123", "0A9F", "0a9f", "L-000123", "L-00012", "a-_", "abc", "a_b_", "éx", "ëx", "ìx", "a.b", "axb", "a-", "--", "ab_1",
];

describe("compileSimplePattern", () => {
  it("agrees with the anchored RegExp on every short text, and on every one-character change of a text it matches", () => {
    const alphabet = ["0", "1", "9", "A", "B", "F", "R", "Z", "a", "f", "x", "-", "_", ".", "é", "ë", "ì", " ", "\n"];
    const short = shortTexts(alphabet, 3);
    for (const pattern of patterns) {
      const simple = compileSimplePattern(pattern);
      expect(simple, pattern).toBeDefined();
      const regex = new RegExp(`^(?:${pattern})$`);
      const matching = inputs.filter((input) => regex.test(input));
      expect(matching.length, pattern).toBeGreaterThan(0);
      const changed = matching.flatMap((text) => [...text].flatMap((_, k) => alphabet.map((ch) => text.slice(0, k) + ch + text.slice(k + 1))));
      const all = [...inputs, ...short, ...changed];
      expect(all.filter((input) => simple?.(input) !== regex.test(input)), pattern).toEqual([]);
    }
  });

  it("leaves variable-length and complex patterns to the RegExp engine", () => {
    for (const pattern of notSimple) expect(compileSimplePattern(pattern), pattern).toBeUndefined();
  });
});
