import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { appendFile, cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultThreads } from "../../frictionless/index.ts";
import { build } from "./build.js";
import { ROOT, staleness } from "./freshness.js";

// The built program is exercised as a user meets it: `node pipeline/cli/aap.js …` as a child
// process, in a copy of the project (sources, settings, a link to node_modules) that the tests
// may break and build again without touching the repository's own dist/.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function aap(project: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(project, "pipeline/cli/aap.js"), ...args], { cwd: project, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data: Buffer) => (stdout += data));
    child.stderr.on("data", (data: Buffer) => (stderr += data));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let scratch: string;
let project: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "aap-build-test-"));
  project = join(scratch, "project");
  await cp(join(ROOT, "pipeline"), join(project, "pipeline"), { recursive: true });
  for (const file of ["package.json", "package-lock.json", "tsconfig.json"]) await cp(join(ROOT, file), join(project, file));
  await symlink(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("the compiled program", () => {
  it("is built by aap itself when there is none yet, then run", async () => {
    expect(staleness(project, join(project, "dist"))).toBe("there is no build yet");
    const run = await aap(project, ["--version"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    // The version is read from package.json, found from dist/ as it is from the sources.
    expect(run.stdout).toBe(`${JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")).version}\n`);
    const manifest = JSON.parse(await readFile(join(project, "dist/build.json"), "utf8"));
    expect(manifest.outputs).toEqual(expect.arrayContaining(["main.js", "chunk-worker.js"]));
    expect(Object.keys(manifest.sources)).toEqual(expect.arrayContaining(["pipeline/cli/main.ts", "pipeline/frictionless/validate/parallel/chunk-worker.ts", "package-lock.json"]));
    expect(staleness(project, join(project, "dist"))).toBeUndefined();
  });

  it("is built again before it runs when a source changed: old code never runs", async () => {
    await aap(project, ["--version"]);
    const main = join(project, "pipeline/cli/main.ts");
    const source = await readFile(main, "utf8");
    await writeFile(main, source.replace("Usage: aap <command>", "Usage: aap-edited <command>"));
    expect(staleness(project, join(project, "dist"))).toBe("pipeline/cli/main.ts changed");
    const run = await aap(project, ["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: aap-edited <command>/);
    await writeFile(main, source);
    expect((await aap(project, ["--help"])).stdout).toMatch(/^Usage: aap <command>/);
  });

  it("counts a removed source or a missing output as a stale build", async () => {
    await aap(project, ["--version"]);
    const io = join(project, "pipeline/cli/io.ts");
    const source = await readFile(io, "utf8");
    await rm(io);
    expect(staleness(project, join(project, "dist"))).toBe("pipeline/cli/io.ts was removed");
    await writeFile(io, source);
    await aap(project, ["--version"]);
    await rm(join(project, "dist/chunk-worker.js"));
    expect(staleness(project, join(project, "dist"))).toBe("chunk-worker.js is missing");
    expect((await aap(project, ["--version"])).code).toBe(0);
    expect(await readdir(join(project, "dist"))).toContain("chunk-worker.js");
  });

  it("says where the sources do not compile and what to do, with exit code 2 and no stack trace", async () => {
    await aap(project, ["--version"]);
    const io = join(project, "pipeline/cli/io.ts");
    const source = await readFile(io, "utf8");
    await writeFile(io, `${source}\nexport const broken = ;\n`);
    try {
      const run = await aap(project, ["--help"]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^aap: dist\/ must be built again \(pipeline\/cli\/io\.ts changed\), but the sources do not compile:\n.*Unexpected ";".*pipeline\/cli\/io\.ts:\d+:\d+/s);
      expect(run.stderr).toContain("hint: fix the error above");
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await writeFile(io, source);
    }
  });

  it("loads each command's code only when the command runs", async () => {
    const { metafile } = await build({ root: ROOT, outdir: join(scratch, "graph") });
    const outputs = metafile.outputs;
    const byName = (name: string) => Object.keys(outputs).find((path) => basename(path) === name) as string;
    // Everything `aap --help` loads: main.js and what it imports statically, transitively.
    const loaded = new Set<string>();
    const visit = (path: string): void => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const target of outputs[path]?.imports ?? []) if (target.kind === "import-statement" && !target.external) visit(target.path);
    };
    visit(byName("main.js"));
    const sources = [...loaded].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
    const packages = [...loaded].flatMap((path) => (outputs[path]?.imports ?? []).filter((target) => target.kind === "import-statement" && target.external && !target.path.startsWith("node:")).map((target) => target.path));
    expect(sources).toContain("pipeline/cli/commands/validate.ts");
    // The CLI, the logs, and the exit statuses (a file of constants): not the error model, which
    // loads the Table Schema core, nor any stage.
    expect(sources.filter((path) => !/^pipeline\/(cli|log)\//.test(path))).toEqual(["pipeline/failures/exit.ts"]);
    expect(sources).not.toContain("pipeline/cli/execute.ts");
    expect(packages).toEqual([]);
    // And the stages are still there, behind the commands' dynamic imports.
    expect(Object.values(outputs).some((output) => "pipeline/frictionless/validate/validate-source.ts" in output.inputs)).toBe(true);
  });
});

describe("the validation's worker threads", () => {
  let table: string;

  beforeAll(async () => {
    // 35 MB: bigger than the 32 MB under which a table is read on one thread.
    table = join(scratch, "big.csv");
    const out = createWriteStream(table);
    out.write("id,projet,montant\n");
    for (let start = 1; start <= 1_050_000; start += 10_000) {
      const rows: string[] = [];
      for (let n = start; n < start + 10_000; n++) {
        rows.push(n === 600_001 ? `${n},Projet fictif ${n},abc` : n === 1_000_001 ? `3,Projet fictif ${n},1` : `${n},Projet fictif ${n},${n % 1000}.5`);
      }
      out.write(`${rows.join("\n")}\n`);
    }
    await new Promise((resolve) => out.end(resolve));
    await writeFile(join(scratch, "schema.json"), JSON.stringify({ fields: [{ name: "id", type: "integer" }, { name: "projet", type: "string" }, { name: "montant", type: "number" }], primaryKey: ["id"] }));
  });

  it("run the worker built into the package, and nothing is read from or written to the temporary folder", async () => {
    await aap(project, ["--version"]);
    const marker = join(scratch, "worker-ran");
    // Proof that the threads load dist/chunk-worker.js: a line added to it leaves a trace.
    await appendFile(join(project, "dist/chunk-worker.js"), `\nimport { appendFileSync as trace } from "node:fs";\ntrace(${JSON.stringify(marker)}, "ran\\n");\n`);
    const temporary = await mkdtemp(join(scratch, "tmp-"));
    const run = await aap(project, ["validate", table, "--schema", join(scratch, "schema.json"), "--json"], { TMPDIR: temporary, TEMP: temporary, TMP: temporary });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.tasks[0].stats.rows).toBe(1_050_000);
    expect(report.tasks[0].errors.map((error: { type: string; rowNumber: number }) => [error.type, error.rowNumber])).toEqual([
      ["type-error", 600_002],
      ["primary-key", 1_000_002],
    ]);
    // The threads that aap.js started before it loaded the program are those that checked the table: no second set.
    // One per checker but the calling thread, which checks chunks too.
    expect(await readFile(marker, "utf8")).toBe("ran\n".repeat(defaultThreads() - 1));
    expect(await readdir(temporary)).toEqual([]);
  });
});
