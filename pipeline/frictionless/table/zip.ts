import { inflateRawSync } from "node:zlib";

/**
 * A minimal ZIP reader for XLSX files: central directory, stored and deflated entries.
 * XLSX files are read whole (their XML must be parsed whole anyway), so no streaming here.
 */
export class ZipFormatError extends Error {
  readonly code = "format-error";
}

export type ZipEntries = Map<string, () => Uint8Array>;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZip(bytes: Uint8Array): ZipEntries {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  // The end record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
  for (let k = bytes.length - 22; k >= Math.max(0, bytes.length - 22 - 0xffff); k--) {
    if (view.getUint32(k, true) === EOCD) {
      eocd = k;
      break;
    }
  }
  if (eocd === -1) throw new ZipFormatError("not a ZIP archive (no end of central directory)");
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new ZipFormatError("ZIP64 archives are not supported");
  const entries: ZipEntries = new Map();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ZipFormatError("corrupt ZIP central directory");
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    entries.set(name, () => {
      if (view.getUint32(localOffset, true) !== LOCAL) throw new ZipFormatError(`corrupt ZIP entry "${name}"`);
      const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
      const data = bytes.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new ZipFormatError(`ZIP entry "${name}" uses unsupported compression method ${method}`);
    });
  }
  return entries;
}
