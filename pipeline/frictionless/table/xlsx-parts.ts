import { SaxesParser, type SaxesTagNS } from "saxes";

/**
 * The XML of a workbook's parts, read with a real XML parser (saxes) as the bytes come:
 * elements by their local name, so that `<x:row>` (a prefix some producers write) is `row`.
 */

export interface XmlHandlers {
  open?(name: string, attribute: (local: string) => string | undefined): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Feeds `chunks` to the handlers; yields after each chunk, so that the caller may hand on what it gathered. */
export async function* parseXml(chunks: AsyncIterable<Uint8Array>, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: true });
  const { open, close, text } = handlers;
  if (open) parser.on("opentag", (node: SaxesTagNS) => open(node.local, (local) => attributeOf(node, local)));
  if (close) parser.on("closetag", (node: SaxesTagNS) => close(node.local));
  if (text) parser.on("text", text);
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
}

function attributeOf(node: SaxesTagNS, local: string): string | undefined {
  for (const name in node.attributes) {
    const attribute = node.attributes[name];
    if (attribute?.local === local) return attribute.value;
  }
  return undefined;
}

/** Runs `parseXml` to the end. */
export async function readXml(chunks: AsyncIterable<Uint8Array>, handlers: XmlHandlers): Promise<void> {
  for await (const _ of parseXml(chunks, handlers));
}

/** OOXML's escape for characters XML cannot hold: `_x000D_`. */
export function unescapeOoxml(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

export interface WorkbookInfo {
  sheets: { name: string; relationId: string | undefined }[];
  date1904: boolean;
}

export async function readWorkbook(chunks: AsyncIterable<Uint8Array>): Promise<WorkbookInfo> {
  const info: WorkbookInfo = { sheets: [], date1904: false };
  await readXml(chunks, {
    open(name, attribute) {
      if (name === "sheet") info.sheets.push({ name: attribute("name") ?? "", relationId: attribute("id") });
      else if (name === "workbookPr") info.date1904 = ["1", "true"].includes(attribute("date1904") ?? "");
    },
  });
  return info;
}

/** Relationship id → target part. */
export async function readRelations(chunks: AsyncIterable<Uint8Array>): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  await readXml(chunks, {
    open(name, attribute) {
      const id = attribute("Id");
      const target = attribute("Target");
      if (name === "Relationship" && id !== undefined && target !== undefined) targets.set(id, target);
    },
  });
  return targets;
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Indexes of the cell styles (`cellXfs`) that format a number as a date or time. */
export async function readDateStyles(chunks: AsyncIterable<Uint8Array>): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await readXml(chunks, {
    open(name, attribute) {
      if (name === "numFmt") custom.set(Number(attribute("numFmtId")), attribute("formatCode") ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) formats.push(Number(attribute("numFmtId") ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  formats.forEach((id, index) => {
    const code = custom.get(id);
    if (BUILTIN_DATE_FORMATS.has(id) || (code !== undefined && isDateFormat(code))) dates.add(index);
  });
  return dates;
}

/** A format code is a date when it has d/m/y/h/s outside quoted text, brackets and escapes. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, "");
  return /[dmyhs]/i.test(bare) && !/^[#0.,%E+\- ]*$/i.test(bare);
}

/** The shared strings: the text of each `<si>`, its runs joined, phonetic guides (`<rPh>`) left out. */
export async function readSharedStrings(chunks: AsyncIterable<Uint8Array>): Promise<string[]> {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  await readXml(chunks, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === "si") strings.push(unescapeOoxml(current ?? ""));
      else if (name === "rPh") phonetic--;
      else if (name === "t") inText = false;
    },
    text(text) {
      if (inText && current !== undefined) current += text;
    },
  });
  return strings;
}
