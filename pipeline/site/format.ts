/**
 * Numbers and dates as a French reader writes them. The locale and time zone are named, never
 * taken from the machine, so a page reads the same whichever computer built it.
 */
const INTEGER = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
const DAY = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Europe/Paris" });
const PARIS_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export function formatInteger(value: number): string {
  return INTEGER.format(value);
}

export function formatNumber(value: number): string {
  return DECIMAL.format(value);
}

export function formatPercent(ratio: number): string {
  return PERCENT.format(ratio);
}

/** 23000000 → "23 000 000 €". */
export function formatEuros(value: number): string {
  return `${INTEGER.format(value)} €`;
}

/** 23000000 → "23 M€", for chart labels where space is short. */
export function formatEurosShort(value: number): string {
  if (value >= 1e9) return `${DECIMAL.format(Math.round(value / 1e7) / 100)} Md€`;
  if (value >= 1e6) return `${DECIMAL.format(Math.round(value / 1e4) / 100)} M€`;
  if (value >= 1e3) return `${INTEGER.format(Math.round(value / 1e3))} k€`;
  return `${INTEGER.format(value)} €`;
}

/** "2021-03-03" → "3 mars 2021"; anything else is shown as it is. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? DAY.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))) : iso;
}

/** The calendar day in Paris at that instant, as YYYY-MM-DD: calls open and close on French days. */
export function parisDay(at: Date): string {
  return PARIS_DAY.format(at);
}

export function formatDateTime(at: Date): string {
  return PARIS_TIME.format(at);
}

export function formatBytesFr(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${DECIMAL.format(Math.round(bytes / 102.4) / 10)} ko`;
  return `${DECIMAL.format(Math.round(bytes / 104857.6) / 10)} Mo`;
}
