import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export interface FileDigest {
  /** Hex. */
  sha256: string;
  /** Hex; data.gouv.fr checksums use it. */
  sha1: string;
  bytes: number;
}

/** sha256, sha1 and size of a file, in one pass. */
export async function hashFile(path: string): Promise<FileDigest> {
  const sha256 = createHash("sha256");
  const sha1 = createHash("sha1");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const data = chunk as Buffer;
    sha256.update(data);
    sha1.update(data);
    bytes += data.length;
  }
  return { sha256: sha256.digest("hex"), sha1: sha1.digest("hex"), bytes };
}
