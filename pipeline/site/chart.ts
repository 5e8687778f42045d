import { formatEurosShort, formatInteger } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";

/**
 * A horizontal bar chart drawn at build time as SVG: no script, no library, readable by a screen
 * reader (role="img", a title and a text alternative that says every value), and sized by its
 * viewBox so that it shrinks on a phone. The page puts the same numbers in a table beside it.
 */
export interface Bar {
  label: string;
  /** null when no value is published: drawn as no bar and said so, never as zero. */
  value: number | null;
}

export interface BarChart {
  /** Unique within the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  unit: "euros" | "projets";
  bars: readonly Bar[];
}

/** More bars than this and the rest are summed in one "autres" bar: a chart is for the big picture. */
export const MAX_BARS = 12;
const WIDTH = 640;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 90;
const ROW = 28;
const MAX_LABEL_CHARS = 34;

export function formatValue(unit: BarChart["unit"], value: number | null): string {
  if (value === null) return "non publié";
  return unit === "euros" ? formatEurosShort(value) : `${formatInteger(value)} projet${value > 1 ? "s" : ""}`;
}

export function renderBarChart(chart: BarChart): SafeHtml {
  const bars = capBars(chart.bars);
  const height = Math.max(1, bars.length) * ROW + 8;
  const max = Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  const room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const description =
    bars.length === 0 ? "Aucune valeur connue." : `${bars.map((bar) => `${bar.label} : ${formatValue(chart.unit, bar.value)}`).join(" ; ")}.`;
  const rows = bars.map((bar, i) => {
    const y = i * ROW + 4;
    const value = bar.value ?? 0;
    const width = max > 0 ? Math.max(value > 0 ? 2 : 0, Math.round((value / max) * room)) : 0;
    const short = bar.label.length > MAX_LABEL_CHARS ? `${bar.label.slice(0, MAX_LABEL_CHARS - 1)}…` : bar.label;
    return html`<g><title>${bar.label} : ${formatValue(chart.unit, bar.value)}</title><text x="${LABEL_WIDTH - 8}" y="${y + 18}" text-anchor="end" class="aap-chart__label">${short}</text><rect x="${LABEL_WIDTH}" y="${y + 4}" width="${width}" height="${ROW - 10}" class="aap-chart__bar"></rect><text x="${LABEL_WIDTH + width + 6}" y="${y + 18}" class="aap-chart__value">${formatValue(chart.unit, bar.value)}</text></g>`;
  });
  return html`<svg class="aap-chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${chart.id}-titre ${chart.id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="${chart.id}-titre">${chart.title}</title><desc id="${chart.id}-desc">${description}</desc>${rows}</svg>`;
}

function capBars(bars: readonly Bar[]): Bar[] {
  if (bars.length <= MAX_BARS) return [...bars];
  const rest = bars.slice(MAX_BARS - 1);
  const known = rest.filter((bar) => bar.value !== null);
  const value = known.length > 0 ? known.reduce((sum, bar) => sum + bar.value!, 0) : null;
  return [...bars.slice(0, MAX_BARS - 1), { label: `${rest.length} autres`, value }];
}
