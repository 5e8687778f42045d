import { describe, expect, it } from "vitest";
import { compileSchema } from "./compile-schema.ts";
import { field } from "../../../fakes/fixtures/cast-table.ts";
import { CAST_FAILED } from "./types.ts";
import { DescriptorError } from "../errors/descriptor-error.ts";

/** Cast then check, as the table validator does. */
function check(descriptor: Parameters<typeof field>[0], raw: unknown): string | undefined {
  const f = field(descriptor);
  const value = f.cast(raw);
  if (value === CAST_FAILED) return "type";
  return f.checkConstraints(value)?.constraint;
}

describe("constraints", () => {
  it("required fails on missing values only", () => {
    expect(check({ type: "string", constraints: { required: true } }, "")).toBe("required");
    expect(check({ type: "string", constraints: { required: true } }, "Projet fictif A")).toBeUndefined();
    expect(check({ type: "string" }, "")).toBeUndefined();
    const f = field({ type: "integer", constraints: { required: true, minimum: 0 } });
    expect(f.checkConstraints(null)).toEqual({ constraint: "required", note: 'constraint "required" is "True"' });
  });

  it("lists every failing constraint in frictionless-py's order, whatever the descriptor's key order", () => {
    const f = field({ type: "string", constraints: { enum: ["12345"], pattern: "[0-9]+", minLength: 5 } });
    expect(f.constraintFailures("ab").map((failure) => failure.constraint)).toEqual(["minLength", "pattern", "enum"]);
    expect(f.checkConstraints("ab")?.constraint).toBe("minLength");
    expect(f.constraintFailures("12345")).toEqual([]);
    const n = field({ type: "integer", constraints: { enum: [1], maximum: 0, required: true } });
    expect(n.constraintFailures(5).map((failure) => failure.constraint)).toEqual(["maximum", "enum"]);
    expect(n.constraintFailures(null).map((failure) => failure.constraint)).toEqual(["required"]);
  });

  it("skips other constraints on null values", () => {
    expect(check({ type: "integer", constraints: { minimum: 10 } }, "")).toBeUndefined();
  });

  it("minLength / maxLength on strings (code points), arrays, objects, lists", () => {
    expect(check({ type: "string", constraints: { maxLength: 3 } }, "abcd")).toBe("maxLength");
    expect(check({ type: "string", constraints: { maxLength: 3 } }, "été")).toBeUndefined();
    expect(check({ type: "string", constraints: { minLength: 2 } }, "😀")).toBe("minLength");
    expect(check({ type: "array", constraints: { minLength: 2 } }, "[1]")).toBe("minLength");
    expect(check({ type: "object", constraints: { maxLength: 1 } }, '{"a": 1, "b": 2}')).toBe("maxLength");
    expect(check({ type: "list", constraints: { maxLength: 2 } }, "a,b,c")).toBe("maxLength");
  });

  it("minimum / maximum / exclusive bounds are typed", () => {
    expect(check({ type: "number", constraints: { minimum: 0 } }, "-0.5")).toBe("minimum");
    expect(check({ type: "number", constraints: { minimum: "0" } }, "0")).toBeUndefined();
    expect(check({ type: "number", constraints: { maximum: 100 } }, "100.01")).toBe("maximum");
    expect(check({ type: "number", constraints: { exclusiveMaximum: 100 } }, "100")).toBe("exclusiveMaximum");
    expect(check({ type: "integer", constraints: { exclusiveMinimum: 0 } }, "0")).toBe("exclusiveMinimum");
    expect(check({ type: "number", decimalChar: ",", constraints: { maximum: "12,5" } }, "12,6")).toBe("maximum");
    expect(check({ type: "date", constraints: { minimum: "2021-01-01" } }, "2020-12-31")).toBe("minimum");
    expect(check({ type: "date", format: "%d/%m/%Y", constraints: { minimum: "01/01/2021" } }, "31/12/2020")).toBe("minimum");
    expect(check({ type: "date", format: "%d/%m/%Y", constraints: { maximum: "2021-01-01" } }, "02/01/2021")).toBe("maximum");
    expect(check({ type: "datetime", constraints: { maximum: "2021-01-01T12:00:00Z" } }, "2021-01-01T12:30:00+01:00")).toBeUndefined();
    expect(check({ type: "datetime", constraints: { maximum: "2021-01-01T12:00:00Z" } }, "2021-01-01T13:30:00Z")).toBe("maximum");
    expect(check({ type: "time", constraints: { minimum: "08:00:00" } }, "07:59:59")).toBe("minimum");
    expect(check({ type: "year", constraints: { minimum: 2000 } }, "1999")).toBe("minimum");
    expect(check({ type: "yearmonth", constraints: { maximum: "2021-06" } }, "2021-07")).toBe("maximum");
    expect(check({ type: "duration", constraints: { maximum: "P1D" } }, "PT25H")).toBe("maximum");
    expect(check({ type: "integer", constraints: { maximum: "9007199254740993" } }, "9007199254740995")).toBe("maximum");
  });

  it("pattern must match the whole value, in XML Schema syntax", () => {
    const siren = { type: "string" as const, constraints: { pattern: "[0-9]{9}" } };
    expect(check(siren, "123456789")).toBeUndefined();
    expect(check(siren, "1234567890")).toBe("pattern");
    expect(check(siren, "x123456789")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "^a.*$" } }, "abc")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "a|b" } }, "ab")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "\\i\\c*" } }, "région_1")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "\\i\\c*" } }, "1région")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "[a-z-[aeiou]]+" } }, "bcd")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "[a-z-[aeiou]]+" } }, "bad")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "\\p{Lu}{2}" } }, "ÉA")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "(?P<dep>[0-9]{2})-(?P=dep)" } }, "75-75")).toBeUndefined();
  });

  it("pattern: name escapes inside classes and subtractions, escapes beside \\p{…}, a back-reference never closed", () => {
    const ncName = { type: "string" as const, constraints: { pattern: "[\\i-[:]][\\c-[:]]*" } };
    expect(check(ncName, "abc")).toBeUndefined();
    expect(check(ncName, "Hérault_2")).toBeUndefined();
    expect(check(ncName, "1abc")).toBe("pattern");
    expect(check(ncName, "a:b")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "[\\i]+" } }, "abc")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "[\\i]+" } }, "a1")).toBe("pattern");
    expect(() => field({ type: "string", constraints: { pattern: "[\\I]" } })).toThrow(/not a valid regular expression.*inside a character class/);
    const coded = { type: "string" as const, constraints: { pattern: "\\p{Lu}\\-\\d{3}" } };
    expect(check(coded, "É-123")).toBeUndefined();
    expect(check(coded, "é-123")).toBe("pattern");
    // A backslash written as `\\` before `p{L}` is a backslash, not a Unicode class.
    expect(check({ type: "string", constraints: { pattern: "a\\\\p{L}" } }, "a\\p{L}")).toBeUndefined();
    // Python's re (frictionless-py) and XML Schema read \d and \w as Unicode classes.
    expect(check({ type: "string", constraints: { pattern: "\\w+" } }, "Hérault")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "\\w+" } }, "Saint-Étienne")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "[\\w-]+" } }, "Saint-Étienne")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "\\d{2}" } }, "٣٤")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "\\d{2}" } }, "3a")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "\\D+" } }, "é")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "\\D{2}" } }, "٣٤")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "[^\\d]{2}" } }, "٣٤")).toBe("pattern");
    expect(check({ type: "string", constraints: { pattern: "\\d{9}" } }, "12345678٩")).toBeUndefined();
    expect(check({ type: "string", constraints: { pattern: "\\d{5}\\@\\w+" } }, "75001@é")).toBeUndefined();
    expect(() => field({ type: "string", constraints: { pattern: "[\\W]" } })).toThrow(/inside a character class/);
    // Rejected at once, as any broken regular expression (it used to loop until memory ran out).
    expect(() => field({ type: "string", constraints: { pattern: "a(?P=x" } })).toThrow(/not a valid regular expression/);
  });

  it("enum compares logical values", () => {
    expect(check({ type: "integer", constraints: { enum: ["1", 2] } }, "01")).toBeUndefined();
    expect(check({ type: "integer", constraints: { enum: [1, 2] } }, "3")).toBe("enum");
    expect(check({ type: "number", constraints: { enum: [1.5] } }, "1.50")).toBeUndefined();
    expect(check({ type: "string", constraints: { enum: ["ouvert", "clos"] } }, "Ouvert")).toBe("enum");
    expect(check({ type: "boolean", trueValues: ["oui"], falseValues: ["non"], constraints: { enum: [true] } }, "non")).toBe("enum");
    expect(check({ type: "geopoint", constraints: { enum: ["2.35,48.85"] } }, "2.35, 48.85")).toBeUndefined();
    const f = field({ type: "string", constraints: { enum: ["ouvert", "clos"] } });
    expect(f.checkConstraints("autre")?.note).toBe("constraint \"enum\" is \"['ouvert', 'clos']\"");
  });

  it("jsonSchema validates arrays and objects", () => {
    const f = { type: "object" as const, constraints: { jsonSchema: { type: "object", required: ["siren"], properties: { siren: { type: "string" } } } } };
    expect(check(f, '{"siren": "123456789"}')).toBeUndefined();
    expect(check(f, '{"nom": "Société fictive"}')).toBe("jsonSchema");
    expect(field(f).checkConstraints({ nom: "x" })?.note).toMatch(/must have required property 'siren'/);
  });

  it("rejects constraints the type does not support, and unusable constraint values", () => {
    expect(() => field({ type: "integer", constraints: { pattern: "[0-9]+" } })).toThrow('constraint "pattern" is not supported by type "integer"');
    expect(() => field({ type: "boolean", constraints: { minimum: 0 } })).toThrow(/not supported by type "boolean"/);
    expect(() => field({ type: "string", constraints: { pattern: "([0-9]" } })).toThrow(/not a valid regular expression/);
    expect(() => field({ type: "date", constraints: { minimum: "hier" } })).toThrow(/constraint "minimum" is "hier", which is not a valid "date"/);
    expect(() => field({ type: "integer", constraints: { enum: ["un"] } })).toThrow(/enum value "un" is not a valid "integer"/);
    try {
      field({ type: "integer", constraints: { pattern: "[0-9]+" } });
    } catch (error) {
      expect(error).toBeInstanceOf(DescriptorError);
      expect((error as DescriptorError).errors[0]).toMatchObject({ type: "field-error", jsonPath: "/fields/0/constraints/pattern" });
    }
  });

  it("recognises unique without checking it (table state)", () => {
    expect(check({ type: "string", constraints: { unique: true } }, "a")).toBeUndefined();
  });
});

describe("compileSchema", () => {
  it("compiles every field and finds them by name", () => {
    const schema = compileSchema({
      missingValues: ["", "NA"],
      fields: [{ name: "siren", type: "string" }, { name: "montant", type: "number", missingValues: [""] }],
    });
    expect(schema.fields.map((f) => [f.name, f.index, f.format])).toEqual([["siren", 0, "default"], ["montant", 1, "default"]]);
    expect(schema.field("montant")?.cast("NA")).toBe(CAST_FAILED);
    expect(schema.field("siren")?.cast("NA")).toBeNull();
    expect(schema.field("absent")).toBeUndefined();
  });

  it("reports every unusable field at once", () => {
    try {
      compileSchema({ missingValues: [""], fields: [{ name: "a", type: "date", format: "%Q" }, { name: "b", type: "integer", constraints: { pattern: "x" } }] });
      expect.unreachable();
    } catch (error) {
      expect((error as DescriptorError).errors.map((e) => e.jsonPath)).toEqual(["/fields/0/format", "/fields/1/constraints/pattern"]);
    }
  });
});
