import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { brokenTextRule, invalidField, validationFailed, type FieldProblem } from '@dondoc/common';

export type TableFormat = 'csv' | 'xlsx';

export interface UploadedTable {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** One data row of an imported file; `row` is its line in the spreadsheet (the header is row 1). */
export interface TableRow {
  row: number;
  values: Record<string, string>;
}

export const MAX_IMPORT_ROWS = 100_000;

export const TABLE_CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function formatOf(file: UploadedTable): TableFormat {
  const name = file.originalname.toLowerCase();
  if (name.endsWith('.xlsx') || file.mimetype === TABLE_CONTENT_TYPES.xlsx) return 'xlsx';
  if (name.endsWith('.csv') || file.mimetype.startsWith('text/csv')) return 'csv';
  throw invalidField('file', 'format', { vi: 'tệp phải là .csv hoặc .xlsx', en: 'the file must be .csv or .xlsx' });
}

/**
 * Text a spreadsheet would run as a formula when it opens a CSV file (OWASP, "CSV injection"):
 * it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, possibly behind apostrophes
 * that {@link neutraliseCsvCell} added or that were there already.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * A CSV cell that is shown as text: text that would start a formula gets a leading apostrophe.
 * Numbers and booleans are values, not text, and are written as they are (`-5` stays `-5`).
 */
export function neutraliseCsvCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of {@link neutraliseCsvCell}, so that an exported file imports back unchanged. */
export function restoreCsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** An XLSX date cell whose serial number falls outside any calendar JavaScript can hold. */
const INVALID_DATE = Symbol('invalid date');

function cellText(value: ExcelJS.CellValue): string | typeof INVALID_DATE {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? INVALID_DATE : value.toISOString();
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return cellText(value.result); // formula
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    return '';
  }
  return String(value);
}

/**
 * Reads a CSV (UTF-8, comma or semicolon separated) or XLSX (first sheet) file into rows keyed
 * by the lower-cased header. Refuses a file missing a required column or with too many rows.
 */
export async function readTable(file: UploadedTable, columns: { required: string[]; optional: string[] }): Promise<TableRow[]> {
  let matrix: (string | typeof INVALID_DATE)[][];
  if (formatOf(file) === 'csv') {
    const text = file.buffer.toString('utf8').replace(/^\uFEFF/, '');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    try {
      const records: string[][] = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
      matrix = records.map((cells) => cells.map(restoreCsvCell));
    } catch (error) {
      throw invalidField('file', 'csv', { vi: `tệp CSV không đọc được: ${(error as Error).message}`, en: `the CSV file cannot be read: ${(error as Error).message}` });
    }
  } else {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(file.buffer as unknown as ArrayBuffer);
    } catch {
      throw invalidField('file', 'xlsx', { vi: 'tệp Excel không đọc được', en: 'the Excel file cannot be read' });
    }
    const sheet = workbook.worksheets[0];
    matrix = [];
    sheet?.eachRow({ includeEmpty: true }, (row, number) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      matrix[number - 1] = values.map((value) => cellText(value));
    });
    for (let i = 0; i < matrix.length; i++) matrix[i] ??= [];
  }
  const [header = [], ...data] = matrix;
  const names = header.map((name) => (name === INVALID_DATE ? '' : name.trim().toLowerCase()));
  const missing = columns.required.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw invalidField('file', 'columns', {
      vi: `thiếu cột: ${missing.join(', ')} (dòng đầu tiên phải là tên cột: ${[...columns.required, ...columns.optional].join(', ')})`,
      en: `missing column(s): ${missing.join(', ')} (the first row must name the columns: ${[...columns.required, ...columns.optional].join(', ')})`,
    });
  }
  const rows: TableRow[] = [];
  // Cells are one line of well-formed text like every other input: a control character or a lone
  // surrogate is refused by row and column; the rest is normalised to NFC.
  const problems: FieldProblem[] = [];
  data.forEach((cells, index) => {
    if (cells.every((cell) => cell !== INVALID_DATE && String(cell ?? '').trim() === '')) return;
    const values: Record<string, string> = {};
    names.forEach((name, column) => {
      if (!name) return;
      if (cells[column] === INVALID_DATE) {
        problems.push({ row: index + 2, field: name, rule: 'isDate', message: { vi: `${name} là ngày tháng không hợp lệ`, en: `${name} is not a valid date` } });
        return;
      }
      const value = String(cells[column] ?? '').trim();
      const rule = brokenTextRule(value, false);
      if (rule) problems.push({ row: index + 2, field: name, rule });
      values[name] = value.normalize('NFC');
    });
    rows.push({ row: index + 2, values });
  });
  if (problems.length > 0) throw validationFailed(problems.slice(0, 100));
  if (rows.length > MAX_IMPORT_ROWS) {
    throw invalidField('file', 'maxRows', { vi: `tệp có quá ${MAX_IMPORT_ROWS} dòng`, en: `the file has more than ${MAX_IMPORT_ROWS} rows` });
  }
  if (rows.length === 0) throw invalidField('file', 'empty', { vi: 'tệp không có dòng dữ liệu nào', en: 'the file has no data rows' });
  return rows;
}

/**
 * Writes rows as CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly) or XLSX. In CSV, text
 * that a spreadsheet would run as a formula is neutralised with a leading apostrophe; XLSX needs
 * none, since exceljs stores text as (shared) strings, never as formulas.
 */
export async function writeTable(format: TableFormat, columns: string[], rows: Record<string, string | number | boolean | null>[], sheetName = 'data'): Promise<Buffer> {
  if (format === 'csv') {
    // Booleans as words: csv-stringify's default (1 / empty) would read back as "true / unchanged".
    const body = stringify(rows.map((row) => columns.map((column) => neutraliseCsvCell(row[column] ?? ''))), { header: true, columns, cast: { boolean: (value) => String(value) } });
    return Buffer.from(`\uFEFF${body}`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({ header: column, key: column, width: Math.max(12, column.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((column) => [column, row[column] ?? ''])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Parses yes/no cells in English or Vietnamese; undefined when empty, null when unreadable. */
export function parseBoolean(value: string): boolean | undefined | null {
  const v = value.trim().toLowerCase();
  if (v === '') return undefined;
  if (['true', '1', 'yes', 'y', 'có', 'co', 'x'].includes(v)) return true;
  if (['false', '0', 'no', 'n', 'không', 'khong'].includes(v)) return false;
  return null;
}
