import { describe, expect, it } from "vitest";
import { MAX_BARS, renderBarChart } from "./chart.ts";
import { formatBytesFr, formatEurosShort } from "./format.ts";

describe("renderBarChart", () => {
  it("sums the bars past the limit into one, and says every value in its text alternative", () => {
    const bars = Array.from({ length: MAX_BARS + 3 }, (_, i) => ({ label: `Appel ${i + 1}`, value: 100 - i }));
    const svg = renderBarChart({ id: "g", title: "Montants", unit: "euros", bars }).value;
    expect(svg.match(/<rect /g)).toHaveLength(MAX_BARS);
    // The last four bars (values 89 to 86) make one bar of 350 €.
    expect(svg).toContain("4 autres : 350 €");
    expect(svg).toMatch(/<desc id="g-desc">Appel 1 : 100 € ; Appel 2 : 99 €/);
  });

  it("draws no bar for an unknown value and says it is not published, never zero", () => {
    const svg = renderBarChart({ id: "g", title: "Montants", unit: "euros", bars: [{ label: "A", value: 2_500_000 }, { label: "B", value: null }] }).value;
    expect(svg).toContain("B : non publié");
    expect(svg).toMatch(/A : 2,5\sM€/);
    expect(svg.match(/width="0"/g)).toHaveLength(1);
    expect(renderBarChart({ id: "e", title: "Vide", unit: "projets", bars: [] }).value).toContain("Aucune valeur connue.");
  });

  it("shortens amounts and sizes as a French reader writes them", () => {
    expect(formatEurosShort(1_200_000_000)).toMatch(/^1,2\sMd€$/);
    expect(formatEurosShort(45_000)).toMatch(/^45\sk€$/);
    expect(formatEurosShort(900)).toBe("900 €");
    expect(formatBytesFr(512)).toBe("512 o");
    expect(formatBytesFr(3 * 1024 * 1024)).toBe("3 Mo");
  });
});
