/** Reads the committed sample sources (`data/sample/`, see data/README.md) into a `ParkDataset`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Axis } from '../domain/statuses.ts';
import { DatasetError } from './dataset-error.ts';
import type { ParkDataset, StatusEventSource } from './park-dataset.ts';

export function readSampleDataset(directory: string): ParkDataset {
  const readJson = (name: string) => JSON.parse(readFileSync(join(directory, name), 'utf8'));
  return {
    park: readJson('park.geojson'),
    villages: readJson('villages.geojson'),
    parcels: readJson('parcels.geojson'),
    events: parseEventsCsv(readFileSync(join(directory, 'events.csv'), 'utf8')),
  };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const EVENT_COLUMNS = ['id', 'parcelCode', 'axis', 'from', 'to', 'at', 'user', 'note'] as const;

export function parseEventsCsv(text: string): StatusEventSource[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const indexOf = Object.fromEntries(EVENT_COLUMNS.map((column) => [column, header?.indexOf(column) ?? -1]));
  for (const column of EVENT_COLUMNS) {
    if (indexOf[column] === -1) {
      throw new DatasetError('events.csv', column, {
        zh: `缺少列“${column}”`,
        en: `missing column "${column}"`,
      });
    }
  }
  return rows
    .filter((row) => row.length > 1)
    .map((row, rowIndex) => {
      const value = (column: (typeof EVENT_COLUMNS)[number]) => row[indexOf[column] as number] ?? '';
      const id = Number(value('id'));
      if (!Number.isInteger(id)) {
        throw new DatasetError(`events.csv row ${rowIndex + 2}`, 'id', {
          zh: 'id 必须是整数',
          en: 'id must be an integer',
        });
      }
      if (Number.isNaN(Date.parse(value('at')))) {
        throw new DatasetError(`event ${id}`, 'at', {
          zh: `时间“${value('at')}”不是 ISO 8601`,
          en: `time "${value('at')}" is not ISO 8601`,
        });
      }
      return {
        id,
        parcelCode: value('parcelCode'),
        axis: value('axis') as Axis,
        from: value('from'),
        to: value('to'),
        at: value('at'),
        user: value('user'),
        note: value('note'),
      };
    });
}
