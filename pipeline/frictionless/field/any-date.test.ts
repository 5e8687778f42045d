import { describe, expect, it } from "vitest";
import { compileField } from "./compile-field.ts";
import type { Field } from "../descriptor/types.ts";
import { CAST_FAILED } from "./types.ts";

/**
 * The `any` format against python-dateutil 2.9's `parser.parse(text, default=datetime(2026, 6, 15))`:
 * each expected value below is what dateutil returned for the text (run on a machine whose local
 * zone is UTC, so that unknown zone names are dropped), written as our datetime value. Many texts
 * are those of dateutil's own tests. `today` is injected: the results never depend on the clock.
 */

const X = CAST_FAILED;
const today = () => ({ year: 2026, month: 6, day: 15 });
const compile = (type: Field["type"]) => compileField({ name: "quand", type, format: "any" }, undefined, 0, { today });

const DATEUTIL: [text: string, datetime: string | typeof X][] = [
  ["Jan 10 2019", "2019-01-10T00:00:00"],
  ["10 January 2019", "2019-01-10T00:00:00"],
  ["January 10, 2019", "2019-01-10T00:00:00"],
  ["10th of January 2019", "2019-01-10T00:00:00"],
  ["10th Jan 1969", "1969-01-10T00:00:00"],
  ["10th Jan nineteen sixty nine", X],
  ["Thu Sep 25 10:36:28 2003", "2003-09-25T10:36:28"],
  ["Thu Sep 25 2003", "2003-09-25T00:00:00"],
  ["2003-09-25T10:49:41", "2003-09-25T10:49:41"],
  ["2003-09-25T10:49", "2003-09-25T10:49:00"],
  ["2003-09-25T10", "2003-09-25T10:00:00"],
  ["2003-09-25", "2003-09-25T00:00:00"],
  ["20030925T104941", "2003-09-25T10:49:41"],
  ["20030925T1049", "2003-09-25T10:49:00"],
  ["20030925", "2003-09-25T00:00:00"],
  ["2003-09-25 10:49:41,502", "2003-09-25T10:49:41.502"],
  ["199709020908", "1997-09-02T09:08:00"],
  ["19970902090807", "1997-09-02T09:08:07"],
  ["01/02/2019", "2019-01-02T00:00:00"],
  ["09-25-2003", "2003-09-25T00:00:00"],
  ["25-09-2003", "2003-09-25T00:00:00"],
  ["10-09-2003", "2003-10-09T00:00:00"],
  ["10-09-03", "2003-10-09T00:00:00"],
  ["2003.09.25", "2003-09-25T00:00:00"],
  ["25.09.2003", "2003-09-25T00:00:00"],
  ["1.2.2021", "2021-01-02T00:00:00"],
  ["2003/09/25", "2003-09-25T00:00:00"],
  ["10/09/03", "2003-10-09T00:00:00"],
  ["2003 09 25", "2003-09-25T00:00:00"],
  ["25 09 03", "2003-09-25T00:00:00"],
  ["03 25 Sep", "2003-09-25T00:00:00"],
  ["25 03 Sep", "2025-09-03T00:00:00"],
  ["  July   4 ,  1976   12:01:02   am  ", "1976-07-04T00:01:02"],
  ["Wed, July 10, '96", "1996-07-10T00:00:00"],
  ["1996.July.10 AD 12:08 PM", "1996-07-10T12:08:00"],
  ["7 4 1976", "1976-07-04T00:00:00"],
  ["4 jul 1976", "1976-07-04T00:00:00"],
  ["7-4-76", "1976-07-04T00:00:00"],
  ["19760704", "1976-07-04T00:00:00"],
  ["0:01:02 on July 4, 1976", "1976-07-04T00:01:02"],
  ["July 4, 1976 12:01:02 am", "1976-07-04T00:01:02"],
  ["Mon Jan  2 04:24:27 1995", "1995-01-02T04:24:27"],
  ["04.04.95 00:22", "1995-04-04T00:22:00"],
  ["Jan 1 1999 11:23:34.578", "1999-01-01T11:23:34.578"],
  ["950404 122212", "1995-04-04T12:22:12"],
  ["3rd of May 2001", "2001-05-03T00:00:00"],
  ["5th of March 2001", "2001-03-05T00:00:00"],
  ["1st of May 2003", "2003-05-01T00:00:00"],
  ["13NOV2017", "2017-11-13T00:00:00"],
  ["December.0031.30", "0031-12-30T00:00:00"],
  ["Sep.20.2009", "2009-09-20T00:00:00"],
  ["Sep 03", "2026-09-03T00:00:00"],
  ["Sep of 03", "2003-09-15T00:00:00"],
  ["Jan of 01", "2001-01-15T00:00:00"],
  ["99-01", "1999-01-15T00:00:00"],
  ["01-99", "1999-01-15T00:00:00"],
  ["10", "2026-06-10T00:00:00"],
  ["45", "2045-06-15T00:00:00"],
  ["2019", "2019-06-15T00:00:00"],
  ["Jan", "2026-01-15T00:00:00"],
  ["Monday", "2026-06-15T00:00:00"],
  ["Feb 29", X],
  ["Feb 30 2019", X],
  ["6 am", "2026-06-15T06:00:00"],
  ["6am", "2026-06-15T06:00:00"],
  ["6 pm", "2026-06-15T18:00:00"],
  ["12 am", "2026-06-15T00:00:00"],
  ["12 pm", "2026-06-15T12:00:00"],
  ["3:00 am", "2026-06-15T03:00:00"],
  ["6:30 p.m.", "2026-06-15T18:30:00"],
  ["10 h", "2026-06-15T10:00:00"],
  ["10h30", "2026-06-15T10:30:00"],
  ["10h36m28s", "2026-06-15T10:36:28"],
  ["14h30", "2026-06-15T14:30:00"],
  ["5 minutes", "2026-06-15T00:05:00"],
  ["10.5h", "2026-06-15T10:30:00"],
  ["10.1h", "2026-06-15T10:06:00"],
  ["0.5m", "2026-06-15T00:00:30"],
  ["10:30:15.1234567", "2026-06-15T10:30:15.123456"],
  ["8:15:30", "2026-06-15T08:15:30"],
  ["13 pm", "2026-06-15T13:00:00"],
  ["15 am", "2026-06-15T15:00:00"],
  ["10:00 UTC", "2026-06-15T10:00:00Z"],
  ["10:00 GMT", "2026-06-15T10:00:00Z"],
  ["10:00Z", "2026-06-15T10:00:00Z"],
  ["10:00 z", "2026-06-15T10:00:00Z"],
  ["10:00 +01:00", "2026-06-15T10:00:00+01:00"],
  ["10:00 -0300", "2026-06-15T10:00:00-03:00"],
  ["10:00 +05", "2026-06-15T10:00:00+05:00"],
  ["10:00 GMT+3", "2026-06-15T10:00:00-03:00"],
  ["10:00 UTC+01:00", "2026-06-15T10:00:00-01:00"],
  ["10:00 EST", "2026-06-15T10:00:00"],
  ["10:00 CET", "2026-06-15T10:00:00"],
  ["10:00 BRST+3", "2026-06-15T10:00:00-03:00"],
  ["10:00 -0300 (BRST)", "2026-06-15T10:00:00-03:00"],
  ["2014-01-01T06:00:00Z", "2014-01-01T06:00:00Z"],
  ["06:00:00Z", "2026-06-15T06:00:00Z"],
  ["06:00:00+01:00", "2026-06-15T06:00:00+01:00"],
  ["2019-01-10T10:49:41.5+01:00", "2019-01-10T10:49:41.5+01:00"],
  ["2019-01-10Z", X],
  ["invalid", X],
  ["some night", X],
  ["demain", X],
  ["pas une date", X],
  ["10 janvier 2019", X],
  ["1er janvier 2019", X],
  ["inf", X],
  ["nan", X],
  ["am", X],
  ["10:30:", X],
  [",", X],
  [" ", X],
  ["10:00 +2400", X],
  ["10:00 +2359", "2026-06-15T10:00:00+23:59"],
  ["٢٠١٩-٠١-١٠", "2019-01-10T00:00:00"],
  ["Sat 10:00", "2026-06-20T10:00:00"],
];

describe("format any, read as python-dateutil reads it", () => {
  it.each(DATEUTIL)("datetime %j", (text, expected) => {
    expect(compile("datetime").cast(text)).toBe(expected);
  });

  it("gives dates and times the same reading", () => {
    const date = compile("date");
    const time = compile("time");
    for (const [text, expected] of DATEUTIL) {
      expect(date.cast(text), text).toBe(typeof expected === "string" ? expected.slice(0, 10) : X);
      expect(time.cast(text), text).toBe(typeof expected === "string" ? expected.slice(11) : X);
    }
  });

  it("reads the issue's examples: month names, am/pm, and 01/02/2019 month first", () => {
    const date = compile("date");
    expect(date.cast("Jan 10 2019")).toBe("2019-01-10");
    expect(date.cast("10 January 2019")).toBe("2019-01-10");
    expect(date.cast("01/02/2019")).toBe("2019-01-02");
    expect(date.cast("25/02/2019")).toBe("2019-02-25");
    expect(compile("time").cast("6 am")).toBe("06:00:00");
    expect(compile("datetime").cast("6 am")).toBe("2026-06-15T06:00:00");
  });

  it("fills what the text leaves out from the injected date, as dateutil from its default", () => {
    const leap = compileField({ name: "d", type: "date", format: "any" }, undefined, 0, { today: () => ({ year: 2024, month: 3, day: 31 }) });
    expect(leap.cast("Feb 29")).toBe("2024-02-29");
    expect(leap.cast("Feb")).toBe("2024-02-29");
    expect(leap.cast("Monday")).toBe("2024-04-01");
    expect(leap.cast("70")).toBe("2070-03-31");
    expect(leap.cast("75")).toBe("1975-03-31");
  });

  it("writes the value back as ISO text that reads the same", () => {
    const datetime = compile("datetime");
    for (const [text, expected] of DATEUTIL) {
      if (typeof expected !== "string") continue;
      expect(datetime.cast(datetime.write(expected)), text).toBe(expected);
    }
  });
});
