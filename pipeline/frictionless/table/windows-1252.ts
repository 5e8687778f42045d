/**
 * windows-1252 decoding by table. Node 20's TextDecoder decodes the "windows-1252" label as
 * ISO-8859-1, so the bytes 0x80–0x9F (€, œ, ’, « – »…) come out as invisible C1 control
 * characters: a header `Montant (€)` then never matches its mapping. Every other byte maps
 * to the code point of the same value. One byte is one character, so chunks decode alone.
 */
const HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80 && byte <= 0x9f) {
      text += Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString("latin1") + HIGH[byte - 0x80];
      start = i + 1;
    }
  }
  return text + Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString("latin1");
}
