/**
 * Writes cells into an .xlsx workbook without rewriting it: only the XML of the sheets that change
 * is edited (cells set in place, keeping their style; new rows added below), every other part of
 * the file (other sheets, styles, validations, formulas, shared strings) is kept byte for byte. A
 * missing tab is added (a new worksheet part, listed in the workbook).
 * Text goes in as inline strings, so the shared-strings table is never touched.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { columnLetter, columnNumber } from '../core/a1';
import { toText } from '../core/cells';
import { findName } from './sources/names';
import { SourceError } from './sources/types';
import { replaceFile } from './write-back';

export interface CellEdit {
  /** Sheet row (1 = first row). */
  row: number;
  /** 0-based column. */
  column: number;
  value: unknown;
}

/** 0-based column <-> letters. */
const columnLetters = (index: number): string => columnLetter(index + 1);
const columnIndex = (letters: string): number => columnNumber(letters) - 1;

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Control characters other than tab and line breaks cannot appear in XML 1.0.
      .replace(XML_FORBIDDEN, '')
  );
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function cellXml(ref: string, value: unknown, style: string): string {
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = toText(value);
  if (text === '') return `<c r="${ref}"${s}/>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

const ROW = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
const CELL = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The row element with the edits made (cells kept in column order). */
function patchRow(rowXml: string, rowNumber: number, edits: CellEdit[]): string {
  const open = /^<row\b[^>]*?(\/?)>/.exec(rowXml)!;
  const startTag = open[0].replace(/\/>$/, '>').replace(/\sspans="[^"]*"/, '');
  const body = open[1] === '/' ? '' : rowXml.slice(open[0].length, -'</row>'.length);
  const cells = new Map<number, string>();
  const others: string[] = [];
  for (const match of body.matchAll(CELL)) {
    const ref = attribute(match[0].slice(0, match[0].indexOf('>') + 1), 'r');
    const letters = ref ? /^([A-Z]+)/.exec(ref)?.[1] : undefined;
    if (letters) cells.set(columnIndex(letters), match[0]);
    else others.push(match[0]);
  }
  if (others.length > 0) throw new Error('cellules sans référence');
  for (const edit of edits) {
    const existing = cells.get(edit.column);
    const style = existing ? (attribute(existing.slice(0, existing.indexOf('>') + 1), 's') ?? '') : '';
    cells.set(edit.column, cellXml(`${columnLetters(edit.column)}${rowNumber}`, edit.value, style));
  }
  const ordered = [...cells.entries()].sort((a, b) => a[0] - b[0]).map(([, xml]) => xml);
  return `${startTag}${ordered.join('')}</row>`;
}

/** A worksheet's XML with the edits made. */
export function patchSheetXml(xml: string, edits: readonly CellEdit[]): string {
  const byRow = new Map<number, CellEdit[]>();
  for (const edit of edits) {
    const list = byRow.get(edit.row);
    if (list) list.push(edit);
    else byRow.set(edit.row, [edit]);
  }
  let sheetData = /<sheetData\s*\/>|<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml);
  if (!sheetData) throw new Error('feuille sans sheetData');
  const rows: { number: number; xml: string }[] = [];
  for (const match of (sheetData[1] ?? '').matchAll(ROW)) {
    const number = Number(attribute(match[0].slice(0, match[0].indexOf('>') + 1), 'r'));
    if (!Number.isInteger(number) || number < 1) throw new Error('ligne sans numéro');
    rows.push({ number, xml: match[0] });
  }
  for (const [number, list] of byRow) {
    const existing = rows.find((r) => r.number === number);
    if (existing) existing.xml = patchRow(existing.xml, number, list);
    else rows.push({ number, xml: patchRow(`<row r="${number}"/>`, number, list) });
  }
  rows.sort((a, b) => a.number - b.number);
  const open = /^<sheetData\b[^>]*?\/?>/.exec(sheetData[0])![0].replace(/\/>$/, '>');
  const rebuilt = `${open}${rows.map((r) => r.xml).join('')}</sheetData>`;
  let out = xml.slice(0, sheetData.index) + rebuilt + xml.slice(sheetData.index + sheetData[0].length);
  sheetData = null;
  const maxRow = Math.max(0, ...rows.map((r) => r.number));
  const maxColumn = Math.max(0, ...edits.map((e) => e.column));
  out = out.replace(/<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\s*\/>/, (_all, c1, r1, c2, r2) => {
    const lastColumn = Math.max(columnIndex(c2 ?? c1), maxColumn);
    const lastRow = Math.max(Number(r2 ?? r1), maxRow);
    return `<dimension ref="${c1}${r1}:${columnLetters(lastColumn)}${lastRow}"/>`;
  });
  return out;
}

/** The path (inside the zip) of each worksheet, by sheet name. */
function sheetPaths(files: Record<string, Uint8Array>): Map<string, string> {
  const workbook = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (!workbook || !rels) throw new Error('pas de xl/workbook.xml');
  const targets = new Map<string, string>();
  for (const m of strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], 'Id');
    const target = attribute(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of strFromU8(workbook).matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(m[0], 'name');
    const id = attribute(m[0], 'r:id');
    const path = id ? targets.get(id) : undefined;
    if (name && path) out.set(unescapeXml(name), path);
  }
  return out;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WORKSHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

function insertBefore(xml: string, closing: string, text: string, what: string): string {
  const at = xml.lastIndexOf(closing);
  if (at < 0) throw new Error(`${what} sans ${closing}`);
  return xml.slice(0, at) + text + xml.slice(at);
}

/**
 * Adds an empty worksheet named `name` after the last one (the workbook's list of sheets, its
 * relationships and content types updated); returns its path inside the zip.
 */
function addSheet(files: Record<string, Uint8Array>, name: string): string {
  let workbook = strFromU8(files['xl/workbook.xml']!);
  let rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const types = files['[Content_Types].xml'];
  if (!types) throw new Error('pas de [Content_Types].xml');
  let n = 1;
  while (files[`xl/worksheets/sheet${n}.xml`]) n++;
  const path = `xl/worksheets/sheet${n}.xml`;
  const relIds = new Set([...rels.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  let r = relIds.size + 1;
  while (relIds.has(`rId${r}`)) r++;
  const sheetIds = [...workbook.matchAll(/<sheet\b[^>]*\ssheetId="(\d+)"/g)].map((m) => Number(m[1]));
  // The prefix the workbook gives to the relationships namespace (r: almost always).
  const prefix = /<sheet\b[^>]*\s([\w.-]+):id="/.exec(workbook)?.[1] ?? 'r';
  workbook = insertBefore(
    workbook,
    '</sheets>',
    `<sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...sheetIds) + 1}" ${prefix}:id="rId${r}"/>`,
    'xl/workbook.xml',
  );
  rels = insertBefore(
    rels,
    '</Relationships>',
    `<Relationship Id="rId${r}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${n}.xml"/>`,
    'xl/_rels/workbook.xml.rels',
  );
  files['[Content_Types].xml'] = strToU8(
    insertBefore(
      strFromU8(types),
      '</Types>',
      `<Override PartName="/${path}" ContentType="${WORKSHEET_CONTENT}"/>`,
      '[Content_Types].xml',
    ),
  );
  files['xl/workbook.xml'] = strToU8(workbook);
  files['xl/_rels/workbook.xml.rels'] = strToU8(rels);
  files[path] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><dimension ref="A1"/><sheetData/></worksheet>`,
  );
  return path;
}

/**
 * Makes the edits in the workbook at `path`, replaced at once. A tab the workbook lacks is added
 * after the last one: the names of the tabs added are returned.
 */
export async function patchXlsx(path: string, edits: Record<string, readonly CellEdit[]>): Promise<string[]> {
  const bytes = await readFile(path);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (cause) {
    throw new SourceError(`Le fichier ${path} n'est pas un classeur .xlsx lisible : rien n'a été écrit.`, {
      cause,
    });
  }
  const added: string[] = [];
  try {
    const paths = sheetPaths(files);
    const names = [...paths.keys()];
    for (const [tab, list] of Object.entries(edits)) {
      if (list.length === 0) continue;
      const name = findName(tab, names);
      let sheet = name === undefined ? undefined : paths.get(name);
      if (!sheet) {
        sheet = addSheet(files, tab);
        added.push(tab);
      }
      const xml = files[sheet];
      if (!xml) throw new Error(`partie ${sheet} absente`);
      files[sheet] = strToU8(patchSheetXml(strFromU8(xml), list));
    }
  } catch (cause) {
    if (cause instanceof SourceError) throw cause;
    throw new SourceError(
      `Le fichier ${path} a une forme que Maillage ne sait pas modifier (${(cause as Error).message}) : rien n'a été écrit. Importez dans un dossier CSV (--dossier) ou depuis le classeur Google Sheets.`,
      { cause },
    );
  }
  await replaceFile(path, zipSync(files, { level: 6 }));
  return added;
}
