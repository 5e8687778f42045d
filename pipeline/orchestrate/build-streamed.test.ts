import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { pathExists } from "../shared/fs.ts";
import { DOCUMENTED_ROWS } from "./package-summary.ts";

/**
 * A build streams its sources (extract → map → staging CSV, the SCDL export and the
 * documentation from a streamed pass): what a person gets must not change with the size of the
 * sources. The bundled lauréats get 2,500 fictitious rows more, past what the documentation lists.
 */
const EXTRA = 2_500;
const TEAM_ROWS = 9;
let root: string;
let sources: string;

/** Fictitious lauréats in the team's spreadsheet shape (windows-1252, ";"), for an existing call. */
function extraRows(edit: (n: number, cells: string[]) => void = () => undefined): Buffer {
  const lines: string[] = [];
  for (let n = 1; n <= EXTRA; n++) {
    const cells = [`laureat-fictif-${n}`, "ftap-2-selection-juillet-2023", `Projet fictif ${n}`, "", "", "Administration fictive", "", "", "Ministère fictif", "", "", "1 000,00", "", "06/07/2023", "", "Sélectionné", "", "", "", "", "https://exemple.invalid/laureats", ""];
    edit(n, cells);
    lines.push(cells.join(";"));
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "latin1");
}

/** Physical row of the n-th extra lauréat in sources/laureats.csv (the header is row 1). */
const physicalRow = (n: number) => 1 + TEAM_ROWS + n;

beforeEach(async () => {
  root = await makeWorkspace();
  sources = join(root, "datapackages", BUNDLED_PACKAGE, "sources");
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("a build that streams its sources", () => {
  it("writes every row, and documents the table from all of them while listing the first ones only", async () => {
    await appendFile(join(sources, "laureats.csv"), extraRows());
    const run = await aap(["build"], { cwd: root });
    expect(run.code).toBe(0);
    const out = join(root, "output", BUNDLED_PACKAGE);
    const laureats = (await readFile(join(out, "laureats.csv"), "utf8")).trimEnd().split("\n");
    const total = TEAM_ROWS + EXTRA + 18;
    expect(laureats).toHaveLength(1 + total);
    expect(laureats[1 + TEAM_ROWS + EXTRA - 1]).toMatch(/^laureat-fictif-2500,ftap-2-selection-juillet-2023,Projet fictif 2500,/);
    const documentation = await readFile(join(out, "documentation.md"), "utf8");
    expect(documentation).toContain(`La table \`laureats\` compte ${total} projets financés :`);
    expect(documentation).toContain(`Les ${DOCUMENTED_ROWS} premières lignes seulement : les ${total - DOCUMENTED_ROWS} autres sont dans le fichier \`laureats.csv\`.`);
    expect(documentation).not.toContain("| Projet fictif 2500 |");
    // Completeness counts every row of the call, listed in the documentation or not.
    expect(documentation).toMatch(new RegExp(`\\(\`ftap-2-selection-juillet-2023\`\\) \\| [^|]+ \\| ${EXTRA + 4} \\|`));
  });

  it("names the source file and row of a cell that cannot be read, far into the source, and writes nothing", async () => {
    await appendFile(join(sources, "laureats.csv"), extraRows((n, cells) => n === 2_000 && (cells[11] = "beaucoup")));
    const run = await aap(["build"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`sources/laureats.csv row ${physicalRow(2_000)}, column "Montant accordé (€)" → field "montant_accorde": "beaucoup" cannot be read`);
    expect(await pathExists(join(root, "output", BUNDLED_PACKAGE))).toBe(false);
  });

  it("points a validation error far into the table back at its source file and row", async () => {
    await appendFile(join(sources, "laureats.csv"), extraRows((n, cells) => n === 2_000 && (cells[0] = "laureat-fictif-1999")));
    const run = await aap(["build"], { cwd: root });
    expect(run.code).toBe(1);
    const outputRow = 1 + TEAM_ROWS + 2_000;
    expect(run.stderr).toMatch(new RegExp(`laureats\\.csv, row ${outputRow}[^\\n]*\\(from sources/laureats\\.csv row ${physicalRow(2_000)}`));
    expect(await pathExists(join(root, "output", BUNDLED_PACKAGE))).toBe(false);
  });
});
