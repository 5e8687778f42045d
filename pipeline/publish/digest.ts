import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { describeThrown } from "../frictionless/index.ts";
import { PublishError } from "./errors.ts";
import type { FileDigest, LocalDataset } from "./types.ts";

/** sha1 and size of a file, streamed (the server computes the same on what it stores). */
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash("sha1");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha1: hash.digest("hex"), size };
}

/** Digests of every resource file of the package, by resource key. */
export async function digestResources(local: LocalDataset): Promise<Map<string, FileDigest>> {
  const out = new Map<string, FileDigest>();
  for (const resource of local.resources) {
    try {
      out.set(resource.key, await digestFile(resource.file));
    } catch (cause) {
      throw new PublishError({
        code: "local-file",
        package: local.package,
        message: `package "${local.package}", resource "${resource.key}": cannot read ${resource.file} (${describeThrown(cause).message})`,
        hint: "build the package first (aap build)",
        cause,
      });
    }
  }
  return out;
}
