import { describe, expect, it } from "vitest";
import { textDigits } from "../../frictionless/index.ts";
import { isValidSiretDigits, passesLuhnDigits } from "./french-identifiers.ts";

/** A text read as the checks read a cell (`CheckRow.digits`), then checked. */
const isDigits = (text: string, length: number): boolean => textDigits(text, new Uint8Array(length)) === length;
const isValidSiren = (text: string): boolean => {
  const digits = new Uint8Array(9);
  return textDigits(text, digits) === 9 && passesLuhnDigits(digits, 9);
};
const isValidSiret = (text: string): boolean => {
  const digits = new Uint8Array(14);
  return textDigits(text, digits) === 14 && isValidSiretDigits(digits);
};

describe("SIREN and SIRET checksums", () => {
  it("accepts real identifiers (DINUM, INRAP) and rejects a one-digit typo", () => {
    expect(isValidSiren("130025265")).toBe(true);
    expect(isValidSiren("180092264")).toBe(true);
    expect(isValidSiret("13002526500013")).toBe(true);
    expect(isValidSiren("130025266")).toBe(false);
    expect(isValidSiret("13002526500014")).toBe(false);
  });

  it("rejects a SIRET whose own key is right but whose SIREN part is wrong", () => {
    // 10000000000008 is a Luhn number as a whole; its first nine digits 100000000 are not.
    expect(isValidSiret("10000000000008")).toBe(false);
  });

  it("applies La Poste's rule: digits summing to a multiple of 5, even when Luhn fails", () => {
    // 3+5+6+0+0+0+0+0+0+0+0+0+1+0 = 15, a multiple of 5, but not a Luhn number.
    expect(isValidSiret("35600000000010")).toBe(true);
    // 3+5+6+1+1 = 16: not a multiple of 5.
    expect(isValidSiret("35600000000011")).toBe(false);
    expect(isValidSiren("356000000")).toBe(true);
  });

  it("rejects values that are not all digits or have the wrong length", () => {
    expect(isValidSiren("13002526")).toBe(false);
    expect(isValidSiren("13002526A")).toBe(false);
    expect(isValidSiret("130025265000130")).toBe(false);
  });

  it("reads digits as the \\d{9} and \\d{14} patterns do: ASCII only, the whole text", () => {
    const texts = ["130025265", "13002526", "1300252650", "13002526\n", "\n130025265", " 130025265", "１３００２５２６５", "٣٣٣٣٣٣٣٣٣", "13002526a", "1300252/5", "13002526:", "", "13002526500013", "1300252650001"];
    for (const text of texts) {
      expect(isDigits(text, 9), text).toBe(/^\d{9}$/.test(text));
      expect(isDigits(text, 14), text).toBe(/^\d{14}$/.test(text));
    }
  });
});
