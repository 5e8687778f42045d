import { describe, expect, it } from "vitest";
import { shortTexts } from "../../../fakes/fixtures/short-texts.ts";
import { compilePattern } from "./pattern.ts";
import { compileSeparatedPattern } from "./separated-pattern.ts";

const separated = [
  "^[a-z0-9]+(-[a-z0-9]+)*$", "[a-z0-9]+(-[a-z0-9]+)*", "[a-z]+(?:_[a-z]+)*", "\\d+(\\.\\d+)*", "\\w+(/\\w+)*", "[A-Z0-9]+(:[A-Z0-9]+)*",
  "[a-zé]+(-[a-zé]+)*", "[\\-a]+(_[\\-a]+)*", "[0-9]+(,[0-9]+)*", "[a-z]+(\\+[a-z]+)*", "[😀a]+(-[😀a]+)*",
];
const notSeparated = [
  "[a-z-]+(-[a-z-]+)*", "[a-z]+(-[0-9]+)*", "[a-z]+(-[a-z]+)+", "[a-z]*(-[a-z]+)*", "[a-z]+(--[a-z]+)*", "[a-z]+(.[a-z]+)*",
  "[^a-z]+(-[^a-z]+)*", "[a-z]+(-[a-z]+)*?", "[a-z]+(-[a-z]+)*|x", "[\\u00e9a]+(-[\\u00e9a]+)*", "\\w+(_\\w+)*", "[a-z]+(?=-)",
];

describe("compileSeparatedPattern", () => {
  it("agrees with the anchored RegExp on every short text over the pattern's characters and their neighbours", () => {
    const alphabet = ["a", "z", "0", "9", "-", "_", ".", "/", ":", ",", "+", "A", "é", "\uD83D", "\uDE00", " ", "\n", "{", "`"];
    const inputs = [...shortTexts(alphabet, 3), ...shortTexts(["a", "0", "-", "_", ".", "é", "\uD83D"], 5), "l-0000001", "appel-1054", "ftap-2-juillet-2023-histologe", "Appel-1", "a--b", "😀-a"];
    for (const pattern of separated) {
      const tester = compileSeparatedPattern(pattern);
      expect(tester, pattern).toBeDefined();
      const regex = new RegExp(`^(?:${pattern})$`);
      const disagreements = inputs.filter((input) => tester?.(input) !== regex.test(input));
      expect(disagreements, pattern).toEqual([]);
      // Not vacuous: each pattern accepts some of the texts and rejects others.
      expect(inputs.some((input) => regex.test(input)), pattern).toBe(true);
    }
  });

  it("leaves other shapes to the RegExp engine", () => {
    for (const pattern of notSeparated) expect(compileSeparatedPattern(pattern), pattern).toBeUndefined();
  });

  it("is what a field's pattern constraint runs, with the same verdicts", () => {
    const pattern = compilePattern("^[a-z0-9]+(-[a-z0-9]+)*$");
    expect(pattern).not.toBeInstanceOf(RegExp);
    expect(["ftap-2-juillet-2023", "a", "a-", "-a", "a--b", "A-b", ""].map((text) => pattern.test(text))).toEqual([true, true, false, false, false, false, false]);
  });
});
