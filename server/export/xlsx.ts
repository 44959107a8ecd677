/** XLSX workbooks through exceljs: a parcels sheet, a statistics sheet and a sheet that states 口径 and as-of. */
import ExcelJS from 'exceljs';
import type { ColumnValue } from './parcel-columns.ts';

export interface SheetSpec {
  name: string;
  rows: readonly (readonly ColumnValue[])[];
  /** Rows (0-based) drawn bold, e.g. the header. */
  boldRows?: readonly number[];
}

export async function toXlsx(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '征拆一张图 Parcel Command Map';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    for (const row of spec.rows) sheet.addRow([...row]);
    for (const index of spec.boldRows ?? []) sheet.getRow(index + 1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column) => {
      column.width = 16;
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
