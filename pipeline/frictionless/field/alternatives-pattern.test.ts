import { describe, expect, it } from "vitest";
import { shortTexts } from "../../../fakes/fixtures/short-texts.ts";
import { compileAlternativesPattern } from "./alternatives-pattern.ts";
import { compilePattern } from "./pattern.ts";

const REGION = "^(0[1-46]|11|24|27|28|32|44|52|53|75|76|84|93|94)$";
const DEPARTMENT = "^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-46])$";
const alternatives = [REGION, DEPARTMENT, "(?:oui|non)", "a|bc|", "^\\d{2}|2[AB]$", "[|x]|y", "FR\\d{2}|[A-Z]{2}-\\d", "é|[à-ä]{2}", "(a|b)"];
const notAlternatives = ["(a|b)+", "(a|b)(c|d)", "a|b*", "(?=a)|b", "(a)|(b)", "\\p{L}|x", "a|[]b]", "a|\\1", "abc", "(abc)", "a|.", "[^a]|b"];

describe("compileAlternativesPattern", () => {
  it("agrees with the anchored RegExp on every short text over the patterns' characters and their neighbours", () => {
    const alphabet = ["0", "1", "2", "4", "5", "6", "7", "9", "A", "B", "C", "F", "R", "-", "|", "x", "y", "a", "b", "o", "n", "é", "â", "\n"];
    const inputs = [...shortTexts(alphabet, 3), "974", "975", "2A", "2a", "FR12", "oui", "non"];
    for (const pattern of alternatives) {
      const tester = compileAlternativesPattern(pattern);
      expect(tester, pattern).toBeDefined();
      const regex = new RegExp(`^(?:${pattern})$`);
      expect(inputs.filter((input) => tester?.(input) !== regex.test(input)), pattern).toEqual([]);
      expect(inputs.some((input) => regex.test(input)), pattern).toBe(true);
    }
  });

  it("leaves other shapes to the RegExp engine", () => {
    for (const pattern of notAlternatives) expect(compileAlternativesPattern(pattern), pattern).toBeUndefined();
  });

  it("is what a region code's pattern constraint runs", () => {
    const pattern = compilePattern(REGION);
    expect(pattern).not.toBeInstanceOf(RegExp);
    expect(["84", "01", "05", "11", "12", "840", ""].map((text) => pattern.test(text))).toEqual([true, true, false, true, false, false, false]);
  });
});
