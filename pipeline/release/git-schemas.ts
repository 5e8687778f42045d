import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { CodedError } from "../frictionless/index.ts";
import type { SchemaSnapshot } from "./schema-versions.ts";

export type ReleaseErrorCode = "git-error";

/** A git command the schema check or the release needs failed (no repository, an unknown base ref, a refused tag). */
export class ReleaseError extends CodedError<ReleaseErrorCode> {
  constructor(message: string, hint: string) {
    super({ code: "git-error", message, hint });
    this.name = "ReleaseError";
  }
}

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
    throw new ReleaseError(`git ${args.join(" ")} failed: ${detail}`, "run it from the repository's root, with the base ref fetched (actions/checkout with fetch-depth: 0)");
  }
}

/** The schema folders `schemas/<name>/` (their direct files) at a commit. */
export async function schemasAtRef(root: string, ref: string): Promise<Map<string, SchemaSnapshot>> {
  const listing = await git(root, ["ls-tree", "-r", "--name-only", ref, "--", "schemas/"]);
  const snapshots = new Map<string, SchemaSnapshot>();
  for (const path of listing.split("\n")) {
    const parts = path.split("/");
    if (parts.length !== 3) continue;
    const [, name = "", file = ""] = parts;
    const snapshot = snapshots.get(name) ?? { name, files: {} };
    snapshot.files[file] = await git(root, ["show", `${ref}:${path}`]);
    snapshots.set(name, snapshot);
  }
  return snapshots;
}

/** The schema folders as they are on disk: what the pull request proposes. */
export async function schemasOnDisk(root: string): Promise<Map<string, SchemaSnapshot>> {
  const snapshots = new Map<string, SchemaSnapshot>();
  for (const entry of await readdir(join(root, "schemas"), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const snapshot: SchemaSnapshot = { name: entry.name, files: {} };
    for (const file of await readdir(join(root, "schemas", entry.name), { withFileTypes: true })) {
      if (file.isFile()) snapshot.files[file.name] = await readFile(join(root, "schemas", entry.name, file.name), "utf8");
    }
    snapshots.set(entry.name, snapshot);
  }
  return snapshots;
}

/** Creates the tags that do not exist yet on HEAD, annotated; returns those it created. */
export async function createMissingTags(root: string, tags: readonly string[]): Promise<string[]> {
  const existing = new Set((await git(root, ["tag", "--list"])).split("\n").filter(Boolean));
  const created: string[] = [];
  for (const tag of tags) {
    if (existing.has(tag)) continue;
    await git(root, ["tag", "-a", tag, "-m", `Schéma ${tag.replace(/-v(?=\d)/, " version ")}`]);
    created.push(tag);
  }
  return created;
}
