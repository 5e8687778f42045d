import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../main.ts";

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** A throwaway copy of the repository's declarations, schemas and sources, so tests may break them. */
export async function makeWorkspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "aap-workspace-"));
  await cp(join(REPOSITORY_ROOT, "datapackages"), join(root, "datapackages"), { recursive: true });
  await cp(join(REPOSITORY_ROOT, "schemas"), join(root, "schemas"), { recursive: true });
  return root;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as `aap <argv>` would in `cwd` with this environment. */
export async function aap(argv: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const controller = new AbortController();
  const code = await main(argv, {
    cwd: options.cwd,
    env: { AAP_STATE_DIR: join(options.cwd, ".aap"), ...options.env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    signal: controller.signal,
  });
  return { code, stdout, stderr };
}

const AAP_BIN = join(REPOSITORY_ROOT, "pipeline", "cli", "aap.js");

/**
 * Run the real `aap` command as its own OS process, as a shell or cron would: its own pid,
 * its own memory, nothing shared with the test but the folders and the network.
 */
export function aapProcess(argv: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("DATAGOUV_") && !name.startsWith("AAP_")));
  const env = { ...inherited, AAP_STATE_DIR: join(options.cwd, ".aap"), ...options.env };
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [AAP_BIN, ...argv], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: child.exitCode ?? 1, stdout, stderr });
    });
  });
}

/** Every file under `dir` with its content, to compare two outputs byte for byte. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files[relative(dir, path)] = (await readFile(path)).toString("base64");
    }
  };
  await walk(dir);
  return files;
}

export const BUNDLED_PACKAGE = "aap-transformation-publique";
