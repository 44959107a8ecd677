/**
 * CSV (RFC 4180; comma, tab or semicolon) as Excel and GIS tools save it: UTF-8 with or without BOM, or GBK from
 * Chinese Excel. The geometry is a WKT column (POLYGON / MULTIPOLYGON, found by name or by content). A table with
 * only longitude/latitude columns is refused: a point is not a parcel, and drawing a square around it would invent
 * a boundary nobody surveyed.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { BilingualMessage } from '../../domain/transitions.ts';
import { type CrsDeclaration, crsFromEpsg, extentOf, projectInPlace, resolveCrs } from '../crs.ts';
import type { GeoJsonSourceFeature, SourceField, SourceLayer, SourceValue } from '../source.ts';
import { SourceError } from '../source.ts';
import { decodeTextFile } from './text-encoding.ts';
import { parseWktGeometry, WktTypeError, wktGeometryType } from './wkt.ts';

export interface CsvOptions {
  encoding?: string | undefined;
  crs?: number | undefined;
}

const GEOMETRY_COLUMN_NAMES = [
  'wkt',
  'geometry',
  'geom',
  'the_geom',
  'shape',
  'wkt_geom',
  'geometry_wkt',
  '几何',
  '图形',
];
const LONGITUDE_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', 'point_x', '经度'];
const LATITUDE_NAMES = ['lat', 'latitude', 'y', 'point_y', '纬度'];

/** RFC 4180 rows. Quoted fields may hold the delimiter, quotes (doubled) and line breaks. */
export function parseCsvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let index = 0;
  const length = text.length;
  const delimiterCode = delimiter.charCodeAt(0);
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === 34 && field === '') {
      // Quoted field: copy up to the closing quote, turning "" into ".
      index++;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(index, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          field += '"';
          index = quote + 2;
        } else {
          index = quote + 1;
          break;
        }
      }
      continue;
    }
    if (code === delimiterCode) {
      row.push(field);
      field = '';
      index++;
    } else if (code === 10 || code === 13) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += code === 13 && text.charCodeAt(index + 1) === 10 ? 2 : 1;
    } else {
      // Plain run: up to the next delimiter or line break in one slice.
      let end = index + 1;
      while (end < length) {
        const next = text.charCodeAt(end);
        if (next === delimiterCode || next === 10 || next === 13) break;
        end++;
      }
      field += text.slice(index, end);
      index = end;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function detectDelimiter(text: string): string {
  // The header's line: the first that has a delimiter at all (a table may start with its title on a line of its
  // own). Not the data: WKT cells are full of commas.
  const lines = text.split(/\r?\n/, 3);
  const header = lines.find((line) => /[,\t;]/.test(line)) ?? lines[0] ?? '';
  const counts = [',', '\t', ';'].map((delimiter) => ({
    delimiter,
    count: header.split(delimiter).length,
  }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]?.delimiter ?? ',';
}

function isBlankRow(row: string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** Only canonical decimals become numbers: `0012` and 19-digit codes stay text so no leading zero or digit is lost. */
const CANONICAL_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

interface CsvTable {
  header: string[];
  rows: string[][];
  encoding: SourceLayer['encoding'];
  geometryColumn: number;
  /** The title row above the header, when there was one. */
  title?: string | undefined;
}

function readTable(bytes: Uint8Array, fileName: string, options: CsvOptions): CsvTable {
  const decoded = decodeTextFile(bytes, options.encoding, fileName);
  const text = decoded.text.replace(/^\uFEFF/, '');
  let rows: string[][];
  try {
    rows = parseCsvRows(text, detectDelimiter(text));
  } catch {
    throw new SourceError(
      {
        zh: `CSV 引号不配对（文件可能不完整）：${fileName}`,
        en: `unbalanced quotes in the CSV (the file may be truncated): ${fileName}`,
      },
      fileName,
    );
  }
  // A title on a row of its own above the header (某某村宗地成果表), as a spreadsheet table often has: not the header.
  const filled = (row: string[] | undefined) => (row ?? []).filter((cell) => cell.trim() !== '').length;
  const title = rows.length > 2 && filled(rows[0]) === 1 && filled(rows[1]) >= 2 ? rows.shift() : undefined;
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) {
    throw new SourceError(
      { zh: `CSV 文件是空的：${fileName}`, en: `the CSV file is empty: ${fileName}` },
      fileName,
    );
  }
  const header = headerRow.map((name) => name.trim());
  const body = dataRows.filter((row) => !isBlankRow(row));
  return {
    header,
    rows: body,
    encoding: decoded.encoding,
    geometryColumn: findGeometryColumn(header, body, fileName),
    title: title?.find((cell) => cell.trim() !== '')?.trim(),
  };
}

function findGeometryColumn(header: string[], rows: string[][], fileName: string): number {
  const lowered = header.map((name) => name.toLowerCase());
  const byName = lowered.findIndex((name) => GEOMETRY_COLUMN_NAMES.includes(name));
  if (byName >= 0) return byName;
  const sample = rows.slice(0, 20);
  const byContent = header.findIndex((_, column) =>
    sample.some((row) => wktGeometryType(row[column] ?? '') !== undefined),
  );
  if (byContent >= 0) return byContent;
  const longitude = lowered.findIndex((name) => LONGITUDE_NAMES.includes(name));
  const latitude = lowered.findIndex((name) => LATITUDE_NAMES.includes(name));
  if (longitude >= 0 && latitude >= 0) {
    throw new SourceError(
      {
        zh: `CSV 只有点坐标（${header[longitude]}、${header[latitude]} 列）：点不是宗地，宗地需要面边界。请提供带 WKT 面（POLYGON/MULTIPOLYGON）列的 CSV，或 Shapefile/GeoPackage/GeoJSON`,
        en: `the CSV has only point coordinates (columns ${header[longitude]}, ${header[latitude]}): a point is not a parcel, which needs its boundary. Supply a CSV with a WKT POLYGON/MULTIPOLYGON column, or a Shapefile/GeoPackage/GeoJSON`,
      },
      fileName,
    );
  }
  throw new SourceError(
    {
      zh: `CSV 中没有几何列：需要一列 WKT（列名 wkt/geometry/geom，内容 POLYGON 或 MULTIPOLYGON）`,
      en: `the CSV has no geometry column: it needs a WKT column (named wkt/geometry/geom, holding POLYGON or MULTIPOLYGON)`,
    },
    fileName,
  );
}

/** The line of data row `index`: line 2, after the header, or 3 under a title (no line breaks in quoted cells). */
function lineOf(index: number, titled = false): number {
  return index + (titled ? 3 : 2);
}

export function readCsv(
  bytes: Uint8Array,
  fileName: string,
  layerName: string,
  options: CsvOptions = {},
): SourceLayer {
  const table = readTable(bytes, fileName, options);
  const { header, rows, geometryColumn } = table;
  const attributeColumns = header.map((_, column) => column).filter((column) => column !== geometryColumn);
  const numeric = attributeColumns.map((column) => {
    let seen = false;
    for (const row of rows) {
      const cell = (row[column] ?? '').trim();
      if (cell === '') continue;
      if (!CANONICAL_NUMBER.test(cell)) return false;
      seen = true;
    }
    return seen;
  });
  const integer = attributeColumns.map(
    (column, position) => numeric[position] && rows.every((row) => !(row[column] ?? '').includes('.')),
  );
  const fields: SourceField[] = attributeColumns.map((column, position) => ({
    name: header[column] as string,
    type: integer[position] ? 'integer' : numeric[position] ? 'number' : 'string',
  }));
  let srid: number | undefined;
  const titled = table.title !== undefined;
  const features: GeoJsonSourceFeature[] = rows.map((row, index) => {
    // Fewer cells than the header: the row's last cells are empty, left out as spreadsheets do (GDAL reads them
    // so). More: a cell holds an unquoted comma, and the row cannot be read.
    if (row.length > header.length) {
      throw new SourceError(
        {
          zh: `第 ${lineOf(index, titled)} 行有 ${row.length} 列，而表头有 ${header.length} 列（WKT 是否未加引号？）`,
          en: `line ${lineOf(index, titled)} has ${row.length} cells but the header has ${header.length} (is the WKT unquoted?)`,
        },
        `${fileName}:${lineOf(index, titled)}`,
      );
    }
    const properties: Record<string, SourceValue> = {};
    attributeColumns.forEach((column, position) => {
      const cell = (row[column] ?? '').trim();
      properties[header[column] as string] = cell === '' ? null : numeric[position] ? Number(cell) : cell;
    });
    const geometry = readCellGeometry(
      row[geometryColumn] ?? '',
      lineOf(index, titled),
      header[geometryColumn] as string,
      fileName,
    );
    srid ??= geometry.srid;
    return { index, properties, geometry: geometry.geometry };
  });
  const notes: BilingualMessage[] = table.title
    ? [
        {
          zh: `第 1 行是标题「${table.title}」，表头在第 2 行`,
          en: `line 1 is a title ("${table.title}"); the header is line 2`,
        },
      ]
    : [];
  let declaration: CrsDeclaration | undefined;
  if (options.crs !== undefined)
    declaration = { crs: crsFromEpsg(options.crs, fileName), source: 'csv-option' };
  else if (srid !== undefined) {
    declaration = { crs: crsFromEpsg(srid, fileName), source: 'detected' };
    notes.push({
      zh: `坐标系取自 WKT 的 SRID=${srid}`,
      en: `coordinate system taken from the WKT's SRID=${srid}`,
    });
  }
  const geometries = features.map((feature) => feature.geometry);
  const resolution = resolveCrs(extentOf(geometries), declaration, fileName);
  projectInPlace(geometries, resolution.definition);
  return {
    format: 'csv',
    layerName,
    fields,
    crs: resolution.crs,
    encoding: table.encoding,
    features,
    notes: [...notes, ...resolution.notes],
  };
}

function readCellGeometry(
  cell: string,
  line: number,
  column: string,
  fileName: string,
): { geometry: Polygon | MultiPolygon | null; srid: number | undefined } {
  if (cell.trim() === '') return { geometry: null, srid: undefined };
  const where = `${fileName}:${line} ${column}`;
  try {
    return parseWktGeometry(cell);
  } catch (error) {
    if (error instanceof WktTypeError) {
      throw new SourceError(
        {
          zh: `第 ${line} 行 ${column} 列的几何是 ${error.geometryType}，不是面：宗地必须是 POLYGON 或 MULTIPOLYGON`,
          en: `line ${line}, column ${column}: the geometry is a ${error.geometryType}; parcels must be POLYGON or MULTIPOLYGON`,
        },
        where,
      );
    }
    throw new SourceError(
      {
        zh: `第 ${line} 行 ${column} 列不是有效的 WKT：${(error as Error).message}`,
        en: `line ${line}, column ${column} is not valid WKT: ${(error as Error).message}`,
      },
      where,
    );
  }
}

/** Row count and geometry type for choosing a layer. */
export function describeCsv(
  bytes: Uint8Array,
  fileName: string,
  layerName: string,
): { name: string; featureCount: number; geometryType: string } {
  const table = readTable(bytes, fileName, {});
  const types = new Set<string>();
  for (const row of table.rows.slice(0, 1000)) {
    const type = wktGeometryType(row[table.geometryColumn] ?? '');
    if (type) types.add(type === 'POLYGON' ? 'Polygon' : type === 'MULTIPOLYGON' ? 'MultiPolygon' : type);
  }
  return { name: layerName, featureCount: table.rows.length, geometryType: [...types].join('/') || 'None' };
}
