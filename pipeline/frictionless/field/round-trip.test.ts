import { describe, expect, it } from "vitest";
import { field } from "../../../fakes/fixtures/cast-table.ts";
import { CAST_FAILED } from "./types.ts";

/** Writing a cast value then reading it gives the same value, and equal values give equal text. */
const cases: [Parameters<typeof field>[0], string[]][] = [
  [{ type: "string" }, ["Projet fictif « A », 2021"]],
  [{ type: "number" }, ["12.5", "1e21", "-0.000001", "NaN", "-INF", "007"]],
  [{ type: "number", decimalChar: ",", groupChar: " " }, ["1 234,5", "12,5"]],
  [{ type: "number", decimalChar: ",", bareNumber: false }, ["12,5 %"]],
  [{ type: "integer" }, ["000835", "-12", "9007199254740993"]],
  [{ type: "boolean", trueValues: ["oui"], falseValues: ["non"] }, ["oui", "non"]],
  [{ type: "date" }, ["2021-02-01"]],
  [{ type: "date", format: "%d/%m/%Y" }, ["1/2/2021", "01/02/2021"]],
  [{ type: "date", format: "%d %B %Y" }, ["1 février 2021"]],
  [{ type: "date", format: "%Y" }, ["2021"]],
  [{ type: "time" }, ["10:30:00.500", "10:30:00+01:00"]],
  [{ type: "time", format: "%I:%M %p" }, ["09:05 PM"]],
  [{ type: "datetime" }, ["2021-02-01T10:00:00Z", "2021-02-01T10:00:00.25+0100"]],
  [{ type: "datetime", format: "%Y-%m-%dT%H:%M:%S%z" }, ["2021-02-01T10:00:00Z", "2021-02-01T10:00:00-0300"]],
  [{ type: "datetime", format: "%d/%m/%Y %H:%M:%S.%f" }, ["01/02/2021 10:00:00.25"]],
  [{ type: "datetime", format: "any" }, ["2021-02-01 10:00"]],
  [{ type: "year" }, ["0999"]],
  [{ type: "yearmonth" }, ["2021-02"]],
  [{ type: "duration" }, ["P1DT2H"]],
  [{ type: "geopoint" }, ["2.35, 48.85"]],
  [{ type: "geopoint", format: "array" }, ["[2.35, 48.85]"]],
  [{ type: "geopoint", format: "object" }, ['{"lon": 2.35, "lat": 48.85}']],
  [{ type: "object" }, ['{ "région": "11", "montants": [1, 2] }']],
  [{ type: "array" }, ['[1, "a", null]']],
  [{ type: "geojson" }, ['{"type": "Point", "coordinates": [2.35, 48.85]}']],
  [{ type: "list", itemType: "number", delimiter: ";" }, ["1;2.5;-3"]],
  [{ type: "list", itemType: "date" }, ["2021-01-01,2021-02-01"]],
];

describe("write then read", () => {
  for (const [descriptor, texts] of cases) {
    it(JSON.stringify(descriptor), () => {
      const f = field(descriptor);
      for (const text of texts) {
        const value = f.cast(text);
        expect(value, text).not.toBe(CAST_FAILED);
        const written = f.write(value);
        expect(f.cast(written), `${text} → ${written}`).toEqual(value);
        expect(f.write(f.cast(written)), text).toBe(written);
      }
    });
  }

  it("writes null as the first missing value", () => {
    expect(field({ type: "number" }).write(null)).toBe("");
    expect(field({ type: "number" }, ["NA", ""]).write(null)).toBe("NA");
  });
});
