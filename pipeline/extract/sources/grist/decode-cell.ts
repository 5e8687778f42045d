/**
 * Grist stores cells in its own encoding (grist-core `app/plugin/GristData.ts`): dates
 * and datetimes as epoch seconds, lists as `["L", …]`, formula errors as `["E", …]`.
 * Here a cell becomes plain JSON by its column type: `Date` → `YYYY-MM-DD`, `DateTime:*`
 * → ISO 8601 in UTC, `ChoiceList` → array. References stay row ids (0 = empty becomes
 * null); they are resolved afterwards, with the referenced table at hand.
 */
export type DecodedCell = { value: unknown; problem?: string };

export function decodeCell(value: unknown, type: string | undefined): DecodedCell {
  if (Array.isArray(value)) return decodeEncoded(value, type);
  const base = baseType(type);
  if (value === null || value === undefined) return { value: null };
  if (base === "Date" && typeof value === "number") return { value: isoDate(value) };
  if (base === "DateTime" && typeof value === "number") return { value: isoDateTime(value) };
  if ((base === "Ref" || base === "Attachments") && value === 0) return { value: null };
  return { value };
}

function decodeEncoded(value: unknown[], type: string | undefined): DecodedCell {
  const [code, ...rest] = value;
  switch (code) {
    case "L":
      return { value: rest.map((item) => decodeCell(item, elementType(type)).value) };
    case "d":
      return { value: typeof rest[0] === "number" ? isoDate(rest[0]) : null };
    case "D":
      return { value: typeof rest[0] === "number" ? isoDateTime(rest[0]) : null };
    case "R":
      return { value: rest[1] === 0 ? null : (rest[1] ?? null) };
    case "O":
      return { value: rest[0] ?? null };
    case "E":
      return { value: null, problem: `formula error ${String(rest[0] ?? "")}`.trim() };
    case "P":
      return { value: null, problem: "value still being computed" };
    case "C":
      return { value: null, problem: "value hidden by the document's access rules" };
    default:
      return { value: null, problem: `value Grist could not encode (${String(code)})` };
  }
}

/** `Ref:Projets` → `Ref`, `DateTime:Europe/Paris` → `DateTime`. */
export function baseType(type: string | undefined): string {
  return (type ?? "Any").split(":")[0] ?? "Any";
}

/** The table a `Ref:<Table>` or `RefList:<Table>` column points to. */
export function referencedTable(type: string | undefined): string | undefined {
  const [base, table] = (type ?? "").split(":");
  return (base === "Ref" || base === "RefList") && table ? table : undefined;
}

function elementType(type: string | undefined): string | undefined {
  const base = baseType(type);
  if (base === "RefList") return `Ref:${referencedTable(type) ?? ""}`;
  if (base === "ChoiceList") return "Text";
  return undefined;
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function isoDateTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}
