import { describe, expect, it } from "vitest";
import { compileStrptime, StrptimeError } from "./strptime.ts";

function parse(pattern: string, text: string) {
  const parts = compileStrptime(pattern).parse(text);
  return parts && { ...parts };
}

describe("compileStrptime", () => {
  it("reads Python directives", () => {
    expect(parse("%d/%m/%Y", "01/02/2021")).toMatchObject({ year: 2021, month: 2, day: 1 });
    expect(parse("%Y-%m-%dT%H:%M:%S.%f", "2021-02-01T10:20:30.25")).toMatchObject({ hour: 10, minute: 20, second: 30, fraction: "25" });
    expect(parse("%y", "68")).toMatchObject({ year: 2068 });
    expect(parse("%y", "69")).toMatchObject({ year: 1969 });
    expect(parse("%I%p", "12AM")).toMatchObject({ hour: 0 });
    expect(parse("%I%p", "12pm")).toMatchObject({ hour: 12 });
    expect(parse("%I %p", "1 PM")).toMatchObject({ hour: 13 });
    expect(parse("%Y-%j", "2024-060")).toMatchObject({ month: 2, day: 29 });
    expect(parse("%Y-%j", "2023-366")).toBeUndefined();
    expect(parse("%A %d %B %Y", "lundi 1 février 2021")).toMatchObject({ year: 2021, month: 2, day: 1 });
    expect(parse("%a, %d %b %Y", "Mon, 01 Feb 2021")).toMatchObject({ month: 2 });
    expect(parse("%H:%M%z", "10:00+01:30")).toMatchObject({ offset: "+01:30" });
    expect(parse("%H:%M %Z", "10:00 UTC")).toMatchObject({ offset: "Z" });
    expect(parse("%x", "02/01/21")).toMatchObject({ year: 2021, month: 2, day: 1 });
    expect(parse("%X", "23:59:59")).toMatchObject({ hour: 23, minute: 59, second: 59 });
    expect(parse("100%% %Y", "100% 2021")).toMatchObject({ year: 2021 });
  });

  it("matches the whole text, whitespace runs loosely, letters case-insensitively", () => {
    expect(parse("%Y", "2021 ")).toBeUndefined();
    expect(parse("%d %m %Y", "01   02 2021")).toMatchObject({ month: 2 });
    expect(parse("le %d/%m/%Y", "LE 01/02/2021")).toMatchObject({ day: 1 });
    expect(parse("%Y.%m", "2021x02")).toBeUndefined();
  });

  it("rejects impossible dates and times", () => {
    expect(parse("%d/%m/%Y", "29/02/2023")).toBeUndefined();
    expect(parse("%d/%m/%Y", "00/02/2023")).toBeUndefined();
    expect(parse("%H:%M:%S", "23:59:60")).toBeUndefined();
    expect(parse("%d/%m/%Y", "1/13/2021")).toBeUndefined();
  });

  it("uses the positional fast path and the general path alike", () => {
    const p = compileStrptime("%d/%m/%Y");
    expect({ ...p.parse("05/03/2021") }).toMatchObject({ day: 5, month: 3 });
    expect({ ...p.parse("5/3/2021") }).toMatchObject({ day: 5, month: 3 });
    expect(p.parse("05-03-2021")).toBeUndefined();
    expect(p.parse("ab/cd/efgh")).toBeUndefined();
  });

  it("says which directive is unknown", () => {
    expect(() => compileStrptime("%Y-%Q")).toThrow(StrptimeError);
    expect(() => compileStrptime("%Y-%Q")).toThrow('unknown or unsupported strptime directive "%Q" in format "%Y-%Q"');
    expect(() => compileStrptime("%Y-%")).toThrow(/"%"/);
    expect(compileStrptime("%d/%m/%Y")).toMatchObject({ hasDate: true, hasTime: false });
  });
});

describe("positional fast path", () => {
  it("agrees with the general path on letters and spaces", () => {
    const p = compileStrptime("%Y-%m-%dT%H:%M:%S");
    expect({ ...p.parse("2021-02-01T10:20:30") }).toMatchObject({ hour: 10, second: 30 });
    expect({ ...p.parse("2021-02-01t10:20:30") }).toMatchObject({ hour: 10 });
    expect(p.parse("2021-02-01T24:20:30")).toBeUndefined();
    const spaced = compileStrptime("%d/%m/%Y %H:%M");
    expect({ ...spaced.parse("01/02/2021 10:30") }).toMatchObject({ day: 1, minute: 30 });
    expect({ ...spaced.parse("01/02/2021\t10:30") }).toMatchObject({ day: 1, minute: 30 });
  });
});
