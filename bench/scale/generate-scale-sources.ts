import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { random, writeLines } from "../generate-laureats.ts";

/**
 * Sources for the `aap run` at scale bench, in the shape the data team's spreadsheets have:
 * ";" separated, French decimals ("1 234 567,89"), dd/mm/yyyy dates, SIREN written with
 * spaces. Everything is visibly fictitious (names, "exemple.invalid" addresses) but valid
 * against the project's schemas and French checks (Luhn keys, amount ≤ cost, rate = amount
 * / cost, decision after the call opened), so that the run goes through every stage.
 * Deterministic (seeded, bench/generate-laureats.ts's generator); written once per size under
 * bench/.data/ (gitignored).
 */

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_NAME = "aap-scale";
/** Four folders deep, as its copy in bench/.data/scale-<rows>/aap-scale/ is: the schema paths hold in both. */
export const DECLARATION_TEMPLATE = join(here, "datapackages", PACKAGE_NAME, "datapackage.yaml");
export const CALL_COUNT = 200;

/** `digits` followed by the Luhn check digit that makes the whole number pass. */
export function withLuhnKey(digits: string): string {
  for (let key = 0; key <= 9; key++) {
    const candidate = `${digits}${key}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let digit = candidate.charCodeAt(candidate.length - 1 - i) - 48;
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable: one Luhn key always fits");
}

/** "1234567.8" → "1 234 567,80", as a French spreadsheet exports it. */
export function frenchAmount(value: number): string {
  const [units = "0", cents = "00"] = value.toFixed(2).split(".");
  return `${units.replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${cents}`;
}

const callId = (n: number) => `appel-fictif-${String(n).padStart(4, "0")}`;
const callSiren = withLuhnKey("99900001");
const callSiret = withLuhnKey(`${callSiren}0001`);

const PROGRAMMES_HEADER = "Identifiant;Nom;Description;Gestionnaire;SIREN;Enveloppe (€);Début;Fin;Source;Commentaire";
const APPELS_HEADER =
  "Identifiant;Appel parent;Programme;Code thème;Intitulé;Description;Type;Session;Gestionnaire;SIREN gestionnaire;SIRET gestionnaire;" +
  "Date d'ouverture;Date de clôture;Calendrier;Dotation (€);Taux de cofinancement max;Taille min. projet (€);Taille max. projet (€);" +
  "Porteurs éligibles;Types de projets éligibles;Critères de sélection;Source;Commentaire;Candidatures;Administrations candidates;" +
  "Ministères candidats;Projets présélectionnés;Lauréats annoncés;Annonce des lauréats;Source des résultats";
const LAUREATS_HEADER =
  "Réf.;Appel;Projet;Description;Thématique;Porteur;SIREN;SIRET;Ministère;Type de projet;Coût total (€);Montant accordé (€);" +
  "Taux de cofinancement;Date de décision;Réf. décision;Statut;Versement;Période de versement;Code région;Code département;Source;Commentaire";

const STATUTS = ["Sélectionné", "En cours", "Terminé", "Abandonné"];
const THEMES = ["Données", "Usagers", "Écologie", ""];
const REGIONS = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"];
const DEPARTEMENTS = ["01", "13", "2A", "33", "44", "59", "69", "75", "971", "974"];

function programmeRow(n: number): string {
  return [`programme-fictif-${n}`, `Programme fictif ${n}`, "", "Gestionnaire fictif", "", frenchAmount(50_000_000 * n), "2020", "2024", `https://exemple.invalid/programmes/${n}`, ""].join(";");
}

function appelRow(n: number): string {
  const cells = new Array<string>(30).fill("");
  Object.assign(cells, {
    0: callId(n),
    2: `programme-fictif-${1 + (n % 2)}`,
    4: `Appel fictif ${n}`,
    6: "AAP",
    8: "Gestionnaire fictif",
    9: `${callSiren.slice(0, 3)} ${callSiren.slice(3, 6)} ${callSiren.slice(6)}`,
    10: callSiret,
    11: "01/01/2020",
    14: frenchAmount(1_000_000 + 10_000 * n),
    21: `https://exemple.invalid/appels/${n}`,
  });
  return cells.join(";");
}

function laureatRow(n: number, rand: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const call = 1 + Math.floor(rand() * CALL_COUNT);
  const cost = 10_000 + Math.floor(rand() * 99_000_000) / 100;
  const rate = Math.round(rand() * 1000) / 1000;
  const amount = Math.round(cost * rate * 100) / 100;
  const siren = withLuhnKey(`999${String(n % 100_000).padStart(5, "0")}`);
  // One lauréat in a thousand has no SIRET: the SCDL export leaves it out, and says why.
  const siret = n % 1000 === 0 ? "" : withLuhnKey(`${siren}${String(n % 10_000).padStart(4, "0")}`);
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, "0");
  const year = 2020 + Math.floor(rand() * 4);
  return [
    `laureat-fictif-${String(n).padStart(7, "0")}`,
    callId(call),
    rand() < 0.2 ? `"Projet fictif n° ${n} ; dit ""essai"""` : `Projet fictif n° ${n}`,
    rand() < 0.1 ? `"Description fictive ${n},\nsur deux lignes"` : "",
    pick(THEMES),
    `Porteur fictif ${n % 5000}`,
    `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`,
    siret,
    "Ministère fictif",
    "",
    frenchAmount(cost),
    frenchAmount(amount),
    String(rate).replace(".", ","),
    `${day}/${month}/${year}`,
    "",
    pick(STATUTS),
    "En une fois",
    `${year}-${month}-${day}`,
    pick(REGIONS),
    pick(DEPARTEMENTS),
    `https://exemple.invalid/appels/${call}/laureats`,
    "",
  ].join(";");
}

/**
 * Writes `<dir>/aap-scale/` (the declaration and its sources) unless already there, and
 * returns `<dir>`: the folder to pass as `aap run --datapackages`.
 */
export async function ensureScaleSources(dir: string, rows: number): Promise<string> {
  const packageDir = join(dir, PACKAGE_NAME);
  const sources = join(packageDir, "sources");
  mkdirSync(sources, { recursive: true });
  copyFileSync(DECLARATION_TEMPLATE, join(packageDir, "datapackage.yaml"));
  await writeLines(join(sources, "programmes.csv"), PROGRAMMES_HEADER, 2, programmeRow);
  await writeLines(join(sources, "appels.csv"), APPELS_HEADER, CALL_COUNT, appelRow);
  const laureats = join(sources, "laureats.csv");
  if (!existsSync(laureats)) {
    const rand = random(15);
    await writeLines(laureats, LAUREATS_HEADER, rows, (n) => laureatRow(n, rand));
  }
  return dir;
}
