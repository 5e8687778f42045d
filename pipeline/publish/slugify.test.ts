import { describe, expect, it } from "vitest";
import { normaliseTags, slugify, uploadedTitle } from "./slugify.ts";

/**
 * Expected slugs come from udata's own tests (its SlugField, tag and upload tests) and from
 * awesome-slugify's, lowercased as udata's `to_lower=True` makes them.
 */
describe("slugify, as udata makes dataset slugs", () => {
  it.each([
    ["A Title", "a-title"],
    ["a  b", "a-b"],
    ["  ab  ", "ab"],
    ["ABC", "abc"],
    ["à-€-ü", "a-eur-u"],
  ])("udata: %j → %j", (title, slug) => {
    expect(slugify(title, { maxLength: 255 })).toBe(slug);
  });

  it("cuts a title of one long word at 255 characters, as udata's crop test does", () => {
    expect(slugify("x".repeat(256), { maxLength: 255 })).toBe("x".repeat(255));
  });

  it("leaves out the words that would overflow the limit and keeps the shorter ones after them", () => {
    expect(slugify("aaaa bbbbbbbbbb cc", { maxLength: 10 })).toBe("aaaa-cc");
  });
});

describe("slugify, the rules awesome-slugify applies for udata", () => {
  it.each([
    ["This % is a test ---", "this-is-a-test"],
    ["_this_is_a__test___", "this-is-a-test"],
    ["- - -This -- is a ## test ---", "this-is-a-test"],
    ["kožušček", "kozuscek"],
    ["jaja---lol-méméméoo--a", "jaja-lol-mememeoo-a"],
    ["5 neat tricks", "5-neat-tricks"],
    ["404", "404"],
  ])("%j → %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("drops apostrophes instead of cutting the word: l'été is one word", () => {
    expect(slugify("C'est déjà l'été.")).toBe("cest-deja-lete");
    expect(slugify("Programmes de publicité - Solutions d'entreprise")).toBe("programmes-de-publicite-solutions-dentreprise");
    expect(slugify("Œuvre l’État")).toBe("oeuvre-letat");
    expect(slugify("Appel ‘pilote’")).toBe("appel-pilote");
  });

  it("spells out signs as unidecode does, and ignores invisible characters", () => {
    expect(slugify("Appels à projets « France 2030 » : lauréats")).toBe("appels-a-projets-france-2030-laureats");
    expect(slugify("Dotation (€)")).toBe("dotation-eur");
    expect(slugify("Température 20 °C")).toBe("temperature-20-degc");
    expect(slugify("Ærø, straße, œuvre")).toBe("aero-strasse-oeuvre");
    expect(slugify("trans\u00adformation")).toBe("transformation");
  });
});

describe("udata's tags and uploaded file names", () => {
  it("slugifies tags as the server stores them: deduplicated and sorted", () => {
    expect(normaliseTags([" Aaa bBB $$ $$-µ  ", "Économie", "economie"])).toEqual(["aaa-bbb-u", "economie"]);
    expect(normaliseTags(["L’État", "letat"])).toEqual(["letat"]);
  });

  it("keeps dots in file names", () => {
    expect(uploadedTitle("test_update.txt")).toBe("test-update.txt");
    expect(uploadedTitle("Test_Update.TXT")).toBe("test-update.txt");
    expect(uploadedTitle("Lauréats 2024 (fictif).CSV")).toBe("laureats-2024-fictif-.csv");
  });
});
