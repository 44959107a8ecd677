/** CSV (RFC 4180) in UTF-8 with a byte-order mark, so Excel on Chinese Windows shows 中文 correctly. */
import type { ColumnValue } from './parcel-columns.ts';

const BYTE_ORDER_MARK = '\uFEFF';

function csvField(value: ColumnValue): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly ColumnValue[])[]): string {
  const body = rows.map((row) => row.map(csvField).join(',')).join('\r\n');
  return `${BYTE_ORDER_MARK}${body}\r\n`;
}
