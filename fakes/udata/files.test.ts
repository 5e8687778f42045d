import { describe, expect, it } from "vitest";
import { formatOf, isAllowedExtension, isHtml, mimeOf, normaliseFilename, sha1Hex } from "./files.ts";
import { parseMultipart } from "./multipart.ts";

describe("uploaded file names", () => {
  it("normalises names keeping dots", () => {
    expect(normaliseFilename("test_update.txt")).toBe("test-update.txt");
    expect(normaliseFilename("Lauréats 2024 (fictif).CSV")).toBe("laureats-2024-fictif-.csv");
  });

  it("derives the format, keeping an allowed extension before an archive one", () => {
    expect(formatOf("x.2022.csv.tar.gz")).toBe("csv.tar.gz");
    expect(formatOf("a.csv.gz")).toBe("csv.gz");
    expect(formatOf("x.2022.zip")).toBe("zip");
    expect(formatOf("sans-extension")).toBeNull();
  });

  it("guesses the mime type like Python's mimetypes", () => {
    expect(mimeOf("a.txt")).toBe("text/plain");
    expect(mimeOf("a.csv.gz")).toBe("text/csv");
    expect(mimeOf("a.unknown")).toBe("application/octet-stream");
  });

  it("checks the last extension against the allow-list", () => {
    expect(isAllowedExtension("a.csv")).toBe(true);
    expect(isAllowedExtension("a.parquet")).toBe(false);
    expect(isAllowedExtension("readme")).toBe(false);
  });

  it("recognises HTML by name or by content", () => {
    expect(isHtml("page.html", Buffer.from("x"))).toBe(true);
    expect(isHtml("data.csv", Buffer.from("\uFEFF  <html><body></body></html>"))).toBe(true);
    expect(isHtml("data.csv", Buffer.from("a,b\n<html>,x\n"))).toBe(false);
  });

  it("hashes with sha1", () => {
    expect(sha1Hex(Buffer.from("aaa"))).toBe("7e240de74fb1ed08fa08d38063f6a6a91462a815");
  });
});

describe("multipart parsing", () => {
  it("reads fields and files exactly as undici's FormData encodes them", async () => {
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255, 1]);
    const form = new FormData();
    form.append("uuid", "abc");
    form.append("file", new Blob([bytes]), 'Lauréats "fictifs".csv');
    const encoded = new Response(form);
    const parsed = parseMultipart(Buffer.from(await encoded.arrayBuffer()), encoded.headers.get("content-type") ?? undefined);
    expect(parsed.fields).toEqual({ uuid: "abc" });
    expect(parsed.files.file?.filename).toBe('Lauréats "fictifs".csv');
    expect([...parsed.files.file!.data]).toEqual([...bytes]);
  });
});
