import { byteBoolean, byteDate, byteNumber } from "./byte-scalars.ts";
import { byteText } from "./byte-text.ts";
import { type ByteCheck, NEEDS_TEXT } from "./byte-verdict.ts";
import { isEmpty } from "./missing-values.ts";
import { CELL_FAILED, type CompiledField } from "./types.ts";

export { CELL_TEXT, NEEDS_TEXT, type ByteCheck } from "./byte-verdict.ts";

const BY_TYPE: Partial<Record<string, (field: CompiledField) => ByteCheck | undefined>> = {
  string: byteText,
  any: byteText,
  number: byteNumber,
  integer: byteNumber,
  boolean: byteBoolean,
  date: byteDate,
};

/** The byte check of `field`: specialised for the common types, `NEEDS_TEXT` for every cell of the others. */
export function compileByteCheck(field: CompiledField): ByteCheck {
  // Other missing values than `""` are compared as texts.
  if (field.isMissing !== isEmpty) return () => NEEDS_TEXT;
  const empty = field.descriptor.constraints?.required === true ? CELL_FAILED : null;
  const typed = BY_TYPE[field.type]?.(field);
  // An empty cell is missing whatever the field's type: most cells of an optional field are.
  if (typed === undefined) return (_bytes, start, end) => (end === start ? empty : NEEDS_TEXT);
  return (bytes, start, end, flags) => (end === start ? empty : typed(bytes, start, end, flags));
}

