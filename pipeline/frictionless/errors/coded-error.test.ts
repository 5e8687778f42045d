import { describe, expect, it } from "vitest";
import { CodedError, describeThrown } from "./coded-error.ts";
import { DescriptorError } from "./descriptor-error.ts";
import { createError } from "./create-error.ts";
import { TableReadError } from "../table/read-error.ts";

describe("describeThrown", () => {
  it("reads one of our errors: code, message, hint, location", () => {
    const error = new CodedError({ code: "some-code", message: "it broke", hint: "do this", location: { file: "a.csv", row: 3 }, cause: new Error("below") });
    expect(describeThrown(error)).toMatchObject({ code: "some-code", message: "it broke", hint: "do this", location: { file: "a.csv", row: 3 }, systemCode: undefined });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("reads a library's or Node's error without a code of ours, keeping Node's system code apart", () => {
    const system = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: "ENOENT" });
    expect(describeThrown(system)).toMatchObject({ code: undefined, message: system.message, hint: undefined, systemCode: "ENOENT" });
    expect(describeThrown(new SyntaxError("Unexpected token"))).toMatchObject({ code: undefined, message: "Unexpected token", systemCode: undefined });
  });

  it("reads what is not an Error at all", () => {
    expect(describeThrown("a string")).toMatchObject({ code: undefined, message: "a string", stack: undefined });
    expect(describeThrown(undefined).message).toBe("undefined");
    expect(describeThrown({ code: "not-ours" }).code).toBeUndefined();
  });
});

describe("the core's thrown errors", () => {
  it("a descriptor error takes its first problem's report type as its code, and where it is", () => {
    const error = new DescriptorError([createError("schema-error", { note: "bad", jsonPath: "/fields/0" }), createError("field-error", { note: "worse" })], "schema.json");
    expect(error).toBeInstanceOf(CodedError);
    expect(describeThrown(error)).toMatchObject({ code: "schema-error", location: { source: "schema.json", jsonPath: "/fields/0" } });
    expect(error.message).toMatch(/^schema\.json: .*\(and 1 more\)$/);
  });

  it("a descriptor error of a type that is not a descriptor's is a metadata-error", () => {
    expect(new DescriptorError([createError("type-error", { note: "x" })]).code).toBe("metadata-error");
    expect(new DescriptorError([]).code).toBe("metadata-error");
  });

  it("a table read error has the report type as its code, the table and the row as its location", () => {
    const error = new TableReadError("format-error", { place: "data.json", rowNumber: 4, note: "line 4 is not valid JSON" });
    expect(describeThrown(error)).toMatchObject({ code: "format-error", location: { source: "data.json", row: 4 } });
    expect(error.error.type).toBe("format-error");
  });
});
