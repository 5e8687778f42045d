import { readFile } from "node:fs/promises";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { connectorOptionsSchemas, getConnector, sourceOptionsSchema } from "./registry.ts";
import { ExtractError } from "./types.ts";

const ajv = new Ajv({ allErrors: true, strict: false });
const accepts = (kind: string, options: unknown) => ajv.validate(sourceOptionsSchema(kind), options);

describe("connector registry", () => {
  it("finds each connector by kind and lists the known kinds for an unknown one", () => {
    expect(getConnector("github").kind).toBe("github");
    const failure = (() => {
      try {
        getConnector("ftp");
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ExtractError);
    expect(failure).toMatchObject({ code: "unknown-connector", hint: expect.stringMatching(/file, github, .*http/) });
    expect(() => getConnector("toString")).toThrow(ExtractError);
  });

  it("gives the declaration loader one options schema per connector", () => {
    expect(Object.keys(connectorOptionsSchemas())).toEqual(expect.arrayContaining(["file", "http", "github"]));
  });

  it("accepts every source example of the README, one per connector", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```yaml\n(source:[\s\S]*?)```/g)].map((match) => parse(match[1] as string) as { source: { connector: string } });
    expect(blocks.map((block) => block.source.connector).sort()).toEqual(Object.keys(connectorOptionsSchemas()).sort());
    for (const { source } of blocks) {
      const { connector, ...options } = source;
      expect(accepts(connector, options), `${connector}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  it("rejects sources that cannot work as written", () => {
    expect(accepts("file", { path: "a.csv", url: "https://example.org/a.csv" })).toBe(false);
    expect(accepts("file", {})).toBe(false);
    expect(accepts("http", { url: "http://example.org/api" })).toBe(false);
    expect(accepts("http", { url: "http://127.0.0.1:8080/api" })).toBe(true);
    expect(accepts("http", { url: "https://example.org/api", token: "écrit-en-clair" })).toBe(false);
    expect(accepts("github", { owner: "equipe-exemple", repo: "donnees" })).toBe(false);
    expect(accepts("file", { path: "a.csv", format: "parquet" })).toBe(false);
  });
});
