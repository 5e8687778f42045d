/**
 * The other forms each validated table is offered in, beside its canonical CSV: a spreadsheet
 * for people who open files in Excel or LibreOffice, JSON and NDJSON for developers. They are
 * kept outside the Data Package's resources (docs/decisions.md §10): the same file names are
 * used by the package stage that writes them, the publication that uploads them and the site
 * that links them.
 */
export interface DownloadFormat {
  /** File extension, also the data.gouv.fr format. */
  extension: "xlsx" | "json" | "ndjson";
  mediatype: string;
  /** How the format is named to a French reader, e.g. in a resource title. */
  label: string;
  /** One sentence for the data.gouv.fr resource description and the site. */
  description: string;
}

export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = [
  {
    extension: "xlsx",
    mediatype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "tableur XLSX",
    description:
      "Les mêmes lignes que le fichier CSV, pour un tableur (Excel, LibreOffice) : nombres et dates typés, " +
      "en-tête figé, une feuille « Champs » qui décrit chaque colonne.",
  },
  {
    extension: "json",
    mediatype: "application/json",
    label: "JSON",
    description: "Les mêmes lignes que le fichier CSV, en un tableau JSON d'objets (un objet par ligne, null pour une valeur non publiée).",
  },
  {
    extension: "ndjson",
    mediatype: "application/x-ndjson",
    label: "NDJSON",
    description: "Les mêmes lignes que le fichier CSV, un objet JSON par ligne (NDJSON), pour un traitement ligne à ligne.",
  },
];

/** `laureats.csv` → `laureats.xlsx`. */
export function downloadPath(tablePath: string, format: DownloadFormat): string {
  return `${tablePath.replace(/\.csv$/i, "")}.${format.extension}`;
}

/** Excel's last row is 1,048,576: the header takes one. */
export const XLSX_MAX_ROWS = 1_048_575;
