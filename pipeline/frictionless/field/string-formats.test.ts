import { describe, expect, it } from "vitest";
import { isSpaceUnit, URI } from "./string.ts";

/** The uri format's definition, which `URI` runs without the RegExp engine. */
const URI_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

describe("the uri format", () => {
  it("reads white space as JavaScript's \\s does, on every UTF-16 code unit", () => {
    for (let unit = 0; unit <= 0xffff; unit++) expect(isSpaceUnit(unit), unit.toString(16)).toBe(/\s/.test(String.fromCharCode(unit)));
  });

  it("accepts and rejects what its regular expression does", () => {
    const texts = [
      "https://ex.invalid/1", "http://ex.invalid/a b", "mailto:x@ex.invalid", "urn:isbn:0451450523", "a:b", "a:", ":b", "1a:b", "a1+.-:b",
      "a_b:c", "ab", "", "a", "h:\u00a0", "h:x\u2028", "h:x\ufeff", "h:é", "h:😀", "é:x", "A:", "Z:z", "z::", "a:b:c", "a b:c", "ab :c",
      "https://ex.invalid/\n", "https://ex.invalid/\t", "https:/", "H+:/x", "h-:x", "h.:x", "h/:x", "h?:x", "\uD800:x", "a:\uDC00",
    ];
    for (const text of texts) expect(URI.test(text), JSON.stringify(text)).toBe(URI_PATTERN.test(text));
  });
});
