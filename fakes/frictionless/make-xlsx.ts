import { crc32, deflateRawSync } from "node:zlib";

/**
 * Builds small .xlsx files for tests: a real ZIP (deflated parts, CRC-32) holding the parts an
 * XLSX reader needs. Cells: strings go to the shared-string table unless `inline`, numbers stay
 * numbers, Dates become serials styled as dates, booleans `t="b"`, null leaves the cell out.
 */
export type XlsxCell = string | number | boolean | Date | null | { inline: string };

export interface XlsxOptions {
  /** Write every element of the workbook and sheets with this namespace prefix (`x` gives `<x:row>`), as some producers do. */
  prefix?: string;
  /** Use the 1904 date system (serials count from 1 January 1904). */
  date1904?: boolean;
}

export function makeXlsx(sheets: Record<string, XlsxCell[][]>, options: XlsxOptions = {}): Uint8Array {
  const epoch = options.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const stringIndex = (text: string): number => {
    let at = indexes.get(text);
    if (at === undefined) indexes.set(text, (at = strings.push(text) - 1));
    return at;
  };
  const names = Object.keys(sheets);
  const files: Record<string, string> = {};
  names.forEach((name, k) => {
    const rows = (sheets[name] ?? [])
      .map((row, r) => {
        const cells = row
          .map((cell, c) => {
            const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
            if (cell === null) return "";
            if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
            if (typeof cell === "boolean") return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
            if (cell instanceof Date) return `<c r="${ref}" s="1"><v>${(cell.getTime() - epoch) / 86_400_000}</v></c>`;
            if (typeof cell === "object") return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell.inline)}</t></is></c>`;
            return `<c r="${ref}" t="s"><v>${stringIndex(cell)}</v></c>`;
          })
          .join("");
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join("");
    files[`xl/worksheets/sheet${k + 1}.xml`] = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
  });
  files["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${options.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>` +
    names.map((name, k) => `<sheet name="${escape(name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join("") +
    `</sheets></workbook>`;
  files["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    names.map((_, k) => `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join("") +
    `</Relationships>`;
  files["xl/styles.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
    `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  files["xl/sharedStrings.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    strings.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join("") +
    `</sst>`;
  if (options.prefix !== undefined) {
    for (const name of [...Object.keys(files)].filter((file) => /^xl\/(workbook|worksheets\/)/.test(file))) files[name] = prefixed(files[name] as string, options.prefix);
  }
  return makeZip(files);
}

/** The same XML with its default namespace bound to `prefix` and every element written with it. */
function prefixed(xml: string, prefix: string): string {
  return xml.replace(/<(\/?)([A-Za-z]\w*)(?=[\s>/])/g, `<$1${prefix}:$2`).replace(/xmlns="/, `xmlns:${prefix}="`);
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A ZIP archive of text files (deflated), for archive tests as well as XLSX ones. */
export function makeZip(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
