import { describe, expect, it } from "vitest";
import { decodeText } from "./decode.ts";
import { decodeWindows1252 } from "./windows-1252.ts";

describe("windows-1252 decoding", () => {
  it("decodes the bytes 0x80–0x9F as windows-1252 characters, not C1 controls", () => {
    // "Coût (€) – œuvre ’" as a French spreadsheet saves it in windows-1252.
    const bytes = Uint8Array.from([0x43, 0x6f, 0xfb, 0x74, 0x20, 0x28, 0x80, 0x29, 0x20, 0x96, 0x20, 0x9c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x92]);
    expect(decodeWindows1252(bytes)).toBe("Coût (€) – œuvre ’");
  });

  it("is what decodeText uses for a declared windows-1252 source, chunk by chunk", async () => {
    async function* chunks() {
      yield Uint8Array.from([0x4d, 0x6f, 0x6e, 0x74, 0x61, 0x6e, 0x74, 0x20]);
      yield Uint8Array.from([0x28, 0x80, 0x29]);
    }
    let text = "";
    for await (const part of decodeText(chunks(), "windows-1252")) text += part;
    expect(text).toBe("Montant (€)");
  });
});
