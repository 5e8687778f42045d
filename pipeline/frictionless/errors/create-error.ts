import { boundProps } from "./bounds.ts";
import { ERROR_SPECS, METADATA_ERROR_TYPES } from "./catalogue.ts";
import type { ErrorProps, ErrorSpec, ValidationError } from "./types.ts";

type Part = string | { key: string };

const compiled = new Map<string, Part[]>();

function compileTemplate(template: string): Part[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ key: m[1] as string });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  compiled.set(template, parts);
  return parts;
}

/** Fills `{placeholders}` from the error's properties; absent ones render empty. */
export function renderTemplate(template: string, values: Readonly<Record<string, unknown>>): string {
  let out = "";
  for (const part of compileTemplate(template)) {
    if (typeof part === "string") out += part;
    else {
      const value = values[part.key];
      out += value === undefined || value === null ? "" : String(value);
    }
  }
  return out;
}

const CUSTOM_CELL_TEMPLATE = ERROR_SPECS.get("cell-error")?.template ?? "{note}";
const CUSTOM_ROW_TEMPLATE = ERROR_SPECS.get("row-error")?.template ?? "{note}";

/**
 * Builds an error of a known frictionless-py type, or of a custom check's type (then `title`,
 * `description` and optionally `tags` come from `props`; tags default to `#table #row #cell`
 * when the error points at a field, else `#table #row`). Quoted cells and labels are bounded
 * (`boundProps`).
 */
export function createError(type: string, given: ErrorProps = {}): ValidationError {
  const props = boundProps(given);
  const spec: ErrorSpec | undefined = ERROR_SPECS.get(type);
  const note = props.note ?? "";
  const pointsAtCell = props.fieldName !== undefined || props.fieldNumber !== undefined;
  const title = props.title ?? spec?.title ?? type;
  const description = props.description ?? spec?.description ?? title;
  const tags = props.tags ?? (spec ? [...spec.tags] : pointsAtCell ? ["#table", "#row", "#cell"] : ["#table", "#row"]);
  const template = spec?.template ?? (pointsAtCell ? CUSTOM_CELL_TEMPLATE : CUSTOM_ROW_TEMPLATE);
  const error: ValidationError = { ...props, type, title, description, message: "", note, tags };
  let message = renderTemplate(template, error);
  if (props.jsonPath !== undefined && METADATA_ERROR_TYPES.has(type)) {
    message += ` (at "${props.jsonPath === "" ? "/" : props.jsonPath}")`;
  }
  error.message = message;
  return error;
}
