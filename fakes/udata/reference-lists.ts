/** The enumerations of docs/datagouv-api.md §7.9 and §9, as the reference-list endpoints serve them. */

export interface License {
  id: string;
  title: string;
  maintainer: string | null;
  url: string | null;
  flags: string[];
  alternate_urls: string[];
  alternate_titles: string[];
}

function license(id: string, title: string, url: string | null, flags: string[] = ["domain_software", "domain_content", "domain_data"]): License {
  return { id, title, maintainer: null, url, flags, alternate_urls: [], alternate_titles: [] };
}

export const LICENSES: readonly License[] = [
  license("lov2", "Licence Ouverte / Open Licence version 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence"),
  license("fr-lo", "Licence Ouverte / Open Licence", "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf"),
  license("odc-odbl", "Open Data Commons Open Database License (ODbL)", "https://opendatacommons.org/licenses/odbl/summary/"),
  license("odc-by", "Open Data Commons Attribution License", "https://opendatacommons.org/licenses/by/summary/"),
  license("odc-pddl", "Open Data Commons Public Domain Dedication and Licence (PDDL)", "https://opendatacommons.org/licenses/pddl/summary/"),
  license("cc-by", "Creative Commons Attribution", "https://creativecommons.org/licenses/by/4.0/"),
  license("cc-by-sa", "Creative Commons Attribution Share-Alike", "https://creativecommons.org/licenses/by-sa/4.0/"),
  license("cc-zero", "Creative Commons CCZero", "https://creativecommons.org/publicdomain/zero/1.0/"),
  license("other-at", "Other (Attribution)", null),
  license("other-open", "Other (Open)", null),
  license("other-pd", "Other (Public Domain)", null),
  license("notspecified", "License Not Specified", null, []),
];

export const FREQUENCIES: readonly { id: string; label: string }[] = [
  ["continuous", "Temps réel"], ["oneMinute", "Chaque minute"], ["fiveMinutes", "Toutes les cinq minutes"],
  ["tenMinutes", "Toutes les dix minutes"], ["fifteenMinutes", "Tous les quarts d'heure"],
  ["thirtyMinutes", "Toutes les trente minutes"], ["hourly", "Toutes les heures"], ["bihourly", "Toutes les deux heures"],
  ["trihourly", "Toutes les trois heures"], ["twelveHours", "Toutes les douze heures"],
  ["severalTimesADay", "Plusieurs fois par jour"], ["threeTimesADay", "Trois fois par jour"],
  ["semidaily", "Deux fois par jour"], ["daily", "Quotidienne"], ["fiveTimesAWeek", "Cinq fois par semaine"],
  ["threeTimesAWeek", "Trois fois par semaine"], ["semiweekly", "Deux fois par semaine"], ["weekly", "Hebdomadaire"],
  ["biweekly", "Bimensuelle"], ["threeTimesAMonth", "Trois fois par mois"], ["semimonthly", "Deux fois par mois"],
  ["monthly", "Mensuelle"], ["bimonthly", "Bimestrielle"], ["quarterly", "Trimestrielle"],
  ["threeTimesAYear", "Trois fois par an"], ["semiannual", "Semestrielle"], ["annual", "Annuelle"],
  ["biennial", "Biennale"], ["triennial", "Triennale"], ["quadrennial", "Quadriennale"],
  ["quinquennial", "Quinquennale"], ["decennial", "Décennale"], ["bidecennial", "Bidécennale"],
  ["tridecennial", "Tridécennale"], ["punctual", "Ponctuelle"], ["irregular", "Irrégulière"], ["never", "Jamais"],
  ["notPlanned", "Non planifiée"], ["other", "Autre"], ["unknown", "Inconnue"],
].map(([id, label]) => ({ id: id as string, label: label as string }));

/** Old ids still accepted on input; the response shows the new one. */
export const LEGACY_FREQUENCIES: Readonly<Record<string, string>> = {
  realtime: "continuous",
  fourTimesADay: "severalTimesADay",
  fourTimesAWeek: "other",
  fortnighly: "biweekly",
  biannual: "semiannual",
};

export const RESOURCE_TYPES: readonly { id: string; label: string }[] = [
  { id: "main", label: "Fichier principal" },
  { id: "documentation", label: "Documentation" },
  { id: "update", label: "Mise à jour" },
  { id: "api", label: "API" },
  { id: "code", label: "Dépôt de code" },
  { id: "other", label: "Autre" },
];

export const CHECKSUM_TYPES: readonly string[] = ["sha1", "sha2", "sha256", "md5", "crc"];

/** Archive/compression extensions: a known extension before them stays part of the format. */
export const ARCHIVE_EXTENSIONS: readonly string[] = ["tar", "gz", "tgz", "rar", "zip", "7z", "xz", "bz2"];

/** udata's default `ALLOWED_RESOURCES_EXTENSIONS` (no `parquet`, no `md`). */
export const ALLOWED_EXTENSIONS: readonly string[] = [
  ...ARCHIVE_EXTENSIONS,
  "csv", "txt", "json", "pdf", "xml", "rtf", "xsd",
  "ods", "odt", "odp", "odg",
  "xls", "xlsx", "doc", "docx", "pps", "ppt",
  "jpeg", "jpg", "jpe", "gif", "png", "dwg", "svg", "tiff", "ecw", "svgz", "jp2",
  "shp", "kml", "kmz", "gpx", "shx", "ovr", "geojson", "gpkg",
  "grib2",
  "rdf", "ttl", "n3",
  "dbf", "prj", "sql", "sqlite", "db", "epub", "sbn", "sbx", "cpg", "lyr", "owl", "dxf", "ics", "other",
].sort();

/** Geo levels usable as `spatial.granularity` and as the level part of a zone GeoID. */
export const ZONE_LEVELS: readonly { id: string; name: string }[] = [
  { id: "country-group", name: "Groupe de pays" },
  { id: "country", name: "Pays" },
  { id: "country-subset", name: "Sous-ensemble de pays" },
  { id: "fr:region", name: "Région française" },
  { id: "fr:departement", name: "Département français" },
  { id: "fr:arrondissement", name: "Arrondissement français" },
  { id: "fr:epci", name: "Intercommunalité française (EPCI)" },
  { id: "fr:canton", name: "Canton français" },
  { id: "fr:commune", name: "Commune française" },
  { id: "fr:iris", name: "Iris (quartiers INSEE)" },
];

export const GRANULARITIES: readonly { id: string; name: string }[] = [
  ...ZONE_LEVELS,
  { id: "poi", name: "Point d'intérêt" },
  { id: "other", name: "Autre" },
];
