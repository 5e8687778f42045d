import { describe, expect, it } from "vitest";
import { castTable as table, field } from "../../../fakes/fixtures/cast-table.ts";
import { formatWarnings } from "./format-warnings.ts";
import { CAST_FAILED } from "./types.ts";

const X = CAST_FAILED;

describe("date", () => {
  it("reads the default ISO form strictly", () => {
    table({ type: "date" }, [
      ["2021-02-01", "2021-02-01"], ["2024-02-29", "2024-02-29"], ["2023-02-29", X], ["2021-13-01", X], ["2021-2-1", X],
      ["01/02/2021", X], ["2021-02-01T10:00:00", X], ["0000-01-01", X],
    ]);
  });

  it("reads strptime patterns", () => {
    table({ type: "date", format: "%d/%m/%Y" }, [["01/02/2021", "2021-02-01"], ["1/2/2021", "2021-02-01"], ["31/02/2021", X], ["2021-02-01", X]]);
    table({ type: "date", format: "%Y" }, [["2021", "2021-01-01"], ["21", X]]);
    table({ type: "date", format: "%d/%m/%y" }, [["05/03/21", "2021-03-05"], ["05/03/75", "1975-03-05"]]);
    table({ type: "date", format: "%d %b %Y" }, [["5 Mar 2021", "2021-03-05"], ["5 mars 2021", "2021-03-05"], ["5 foo 2021", X]]);
    table({ type: "date", format: "%d %B %Y" }, [["14 juillet 2021", "2021-07-14"], ["14 July 2021", "2021-07-14"]]);
    table({ type: "date", format: "fmt:%Y-%m-%d" }, [["2021-02-01", "2021-02-01"], ["2021-2-1", "2021-02-01"]]);
    table({ type: "date", format: "%Y%j" }, [["2021032", "2021-02-01"]]);
  });

  it("reads the any format and Excel dates", () => {
    // Month first, as python-dateutil reads it (any-date.test.ts has the rest).
    table({ type: "date", format: "any" }, [["2021-02-01", "2021-02-01"], ["01/02/2021", "2021-01-02"], ["1.2.2021", "2021-01-02"], ["2021/02/01", "2021-02-01"], ["demain", X]]);
    table({ type: "date", format: "%d/%m/%Y" }, [[new Date(Date.UTC(2021, 1, 1)), "2021-02-01"], [44228, X]]);
  });

  it("writes back in the declared pattern", () => {
    const f = field({ type: "date", format: "%d/%m/%Y" });
    expect(f.write("2021-02-01")).toBe("01/02/2021");
    expect(f.cast(f.write("2021-02-01"))).toBe("2021-02-01");
  });

  it("rejects unknown directives", () => {
    expect(() => field({ type: "date", format: "%d/%m/%Q" })).toThrow(/unknown or unsupported strptime directive "%Q"/);
  });

  it("reads a pattern without directive as Python's strptime does: its own text only", () => {
    table({ type: "date", format: "DD/MM/YYYY" }, [["01/02/2021", X], ["2021-02-01", X], ["dd/mm/yyyy", "1900-01-01"]]);
    table({ type: "time", format: "invalid" }, [["10:30", X]]);
    table({ type: "datetime", format: "invalid" }, [["21/11/06 16:30", X]]);
    expect(formatWarnings({ missingValues: [""], fields: [{ name: "d", type: "date", format: "DD/MM/YYYY" }, { name: "e", type: "date", format: "%d/%m/%Y" }, { name: "s", type: "string" }] }))
      .toEqual(['field "d": format "DD/MM/YYYY" has no strptime directive, so it reads only the text "DD/MM/YYYY" itself and each other non-empty cell is a type-error: write a pattern such as "%d/%m/%Y", or use "default" or "any"']);
  });
});

describe("time and datetime", () => {
  it("reads default times with fractions and offsets", () => {
    table({ type: "time" }, [["10:30:00", "10:30:00"], ["10:30:00.500", "10:30:00.5"], ["10:30:00+0200", "10:30:00+02:00"], ["25:00:00", X], ["10:30", X]]);
    table({ type: "time", format: "%H:%M" }, [["9:05", "09:05:00"], ["21:61", X]]);
    table({ type: "time", format: "%I:%M %p" }, [["09:05 PM", "21:05:00"], ["12:00 am", "00:00:00"]]);
    table({ type: "time", format: "any" }, [["14h30", "14:30:00"], ["8:15:30", "08:15:30"]]);
  });

  it("reads default datetimes, with or without offset", () => {
    table({ type: "datetime" }, [
      ["2021-02-01T10:00:00", "2021-02-01T10:00:00"], ["2021-02-01T10:00:00Z", "2021-02-01T10:00:00Z"],
      ["2021-02-01T10:00:00.300-05:00", "2021-02-01T10:00:00.3-05:00"], ["2021-02-01T10:00:00+0100", "2021-02-01T10:00:00+01:00"],
      // A space for the T, as frictionless-py accepts it; seconds are still required.
      ["2021-02-01 10:00:00", "2021-02-01T10:00:00"], ["2021-02-01 10:00", X],
      ["2021-02-01", X], ["2021-02-30T10:00:00", X], ["2021-02-01T10:00", X],
    ]);
    table({ type: "datetime", format: "%d/%m/%Y %H:%M" }, [["01/02/2021 10:30", "2021-02-01T10:30:00"]]);
    table({ type: "datetime", format: "%Y-%m-%dT%H:%M:%S%z" }, [["2021-02-01T10:30:00+0100", "2021-02-01T10:30:00+01:00"], ["2021-02-01T10:30:00Z", "2021-02-01T10:30:00Z"]]);
    table({ type: "datetime", format: "any" }, [["2021-02-01 10:30", "2021-02-01T10:30:00"], ["01/02/2021 10h30", "2021-01-02T10:30:00"], ["2021-02-01", "2021-02-01T00:00:00"]]);
    table({ type: "datetime" }, [[new Date(Date.UTC(2021, 1, 1, 10, 30)), "2021-02-01T10:30:00"]]);
  });
});

