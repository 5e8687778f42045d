import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { once } from "node:events";

/**
 * Synthetic lauréats (and the appels they point to) in the shape of schemas/laureats:
 * obviously fictitious names, SIREN-shaped test numbers, text with commas and quotes.
 * Deterministic (seeded), written once and reused: bench/.data/ is gitignored.
 */

const STATUTS = ["sélectionné", "en cours", "terminé", "abandonné"];
const REGIONS = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"];
const DEPARTEMENTS = ["01", "13", "2A", "33", "44", "59", "69", "75", "971", "974"];
const THEMES = ["IA", "Écologie", "Usagers", ""];
export const APPEL_COUNT = 2000;

export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function appelId(n: number): string {
  return `appel-${String(n).padStart(4, "0")}`;
}

/**
 * A SIREN-shaped test number that passes the Luhn key (the custom checks verify it): `999`, five
 * digits, the key. Not a real company's: none starts with 999.
 */
function testSiren(n: number): string {
  const body = `999${String(n % 100_000).padStart(5, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Positions from the right, the key being position 0: the odd ones are doubled.
    let digit = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function laureatRow(n: number, rand: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const cost = 10_000 + Math.floor(rand() * 990_000);
  const rate = Math.round(rand() * 1000) / 1000;
  const amount = Math.round(cost * rate * 100) / 100;
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
  const titre = rand() < 0.3 ? `"Projet fictif ${n}, dit ""test"""` : `Projet fictif ${n}`;
  return [
    `l-${String(n).padStart(7, "0")}`,
    appelId(1 + Math.floor(rand() * APPEL_COUNT)),
    titre,
    rand() < 0.1 ? `"Description fictive, ligne ${n}"` : "",
    pick(THEMES),
    `Porteur ${n % 5000}`,
    testSiren(n),
    "",
    "Ministère fictif",
    "",
    String(cost),
    String(amount),
    String(rate),
    `2024-${month}-${day}`,
    "",
    pick(STATUTS),
    "",
    "",
    pick(REGIONS),
    pick(DEPARTEMENTS),
    `https://ex.invalid/${n}`,
    "",
  ].join(",");
}

const LAUREAT_HEADER =
  "id,appel_id,titre,description,thematique,nom_porteur,siren_porteur,siret_porteur,ministere,type_projet," +
  "cout_total,montant_accorde,taux_cofinancement,date_decision,reference_decision,statut,conditions_versement," +
  "dates_periode_versement,code_region,code_departement,url_source,commentaire";

export async function writeLines(path: string, header: string, count: number, row: (n: number) => string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.part`;
  const out = createWriteStream(temp);
  let buffer = `${header}\n`;
  for (let n = 1; n <= count; n++) {
    buffer += `${row(n)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  renameSync(temp, path);
}

/** Writes `laureats-<rows>.csv` (and `appels.csv`) under `dir` unless already there; returns the paths. */
export async function ensureLaureats(dir: string, rows: number): Promise<{ laureats: string; appels: string; bytes: number }> {
  const appels = `${dir}/appels.csv`;
  // v2: valid SIREN keys (the custom checks' bench needs them).
  const laureats = `${dir}/laureats-v2-${rows}.csv`;
  if (!existsSync(appels)) {
    await writeLines(appels, "id,programme_id,titre,nom_gestionnaire,url_source", APPEL_COUNT, (n) =>
      [appelId(n), "programme-fictif", `Appel fictif ${n}`, "Gestionnaire fictif", `https://ex.invalid/a/${n}`].join(","),
    );
  }
  if (!existsSync(laureats)) {
    const rand = random(42);
    await writeLines(laureats, LAUREAT_HEADER, rows, (n) => laureatRow(n, rand));
  }
  return { laureats, appels, bytes: statSync(laureats).size };
}
