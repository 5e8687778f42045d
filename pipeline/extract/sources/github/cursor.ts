import type { ConnectorState } from "../../types.ts";
import type { GithubOptions } from "./options.ts";

export interface GithubFileState {
  /** Git blob sha: equal means the file is unchanged, without downloading it. */
  blobSha: string;
  /** sha256 of the bytes, the cache address. */
  sha256: string;
}

export interface GithubState {
  path: string;
  ref?: string;
  /** ETag of the contents answer (file or folder listing). */
  etag?: string;
  files: Record<string, GithubFileState>;
}

/** The saved state, if it describes this same path at this same ref. */
export function readGithubState(state: ConnectorState | undefined, options: Pick<GithubOptions, "path" | "ref">): GithubState | undefined {
  if (!state || typeof state.files !== "object" || state.files === null) return undefined;
  const saved = state as unknown as GithubState;
  const path = options.path.replace(/^\/+|\/+$/g, "");
  if (saved.path !== path || saved.ref !== options.ref) return undefined;
  return saved;
}

export function filesChanged(before: Record<string, GithubFileState>, after: Record<string, GithubFileState>): boolean {
  const paths = Object.keys(after);
  if (paths.length !== Object.keys(before).length) return true;
  return paths.some((path) => before[path]?.sha256 !== after[path]?.sha256);
}
