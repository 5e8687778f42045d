/**
 * Grist's REST API as its documentation describes it (docs/sources-apis.md §3.1–§3.2), written
 * apart from our connector's types so the fake checks the connector instead of echoing it.
 */

/** A cell in Grist's encoding: a plain value, or an array whose first element says what it is (`["L", …]` a list, `["E", …]` an error…). */
export type GristCell = string | number | boolean | null | [string, ...unknown[]];

/** An entry of `GET /api/docs/{docId}/tables/{tableId}/columns`. */
export interface GristColumn {
  id: string;
  fields: {
    /** `Text`, `Numeric`, `Date`, `DateTime:<zone>`, `Choice`, `ChoiceList`, `Ref:<Table>`, `RefList:<Table>`… */
    type: string;
    label: string;
    colRef: number;
    /** For a reference: the `colRef` of the referenced table's column shown in the cell. */
    visibleCol?: number;
  };
}

/** An entry of `GET /api/docs/{docId}/tables/{tableId}/records`. */
export interface GristRecord {
  id: number;
  fields: Record<string, GristCell>;
}
