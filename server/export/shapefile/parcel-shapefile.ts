/**
 * The parcels of an export as a Shapefile: the same records, columns and masking as the CSV/XLSX/GeoJSON/GeoPackage
 * of the request (`columnsFor(context)`: compensation only for the roles that may see it, ID numbers and phones
 * masked by the column values themselves), so the surveyor and the QGIS user get back what they gave.
 */
import type { ParcelRecord } from '../../store/parcel-store.ts';
import { columnsFor, type ExportContext } from '../parcel-columns.ts';
import type { ShapefileCrs } from './coordinate-systems.ts';
import type { AttributeValue } from './dbf.ts';
import { type FieldNameStyle, fieldNameStyleFor, shapefileFieldsFor } from './parcel-fields.ts';
import type { ShapefileEncoding } from './text-codec.ts';
import { type ShapefileFiles, writeShapefile } from './write-shapefile.ts';

export type ShapefileCrsKind = ShapefileCrs['kind'];
export const SHAPEFILE_CRS_KINDS: readonly ShapefileCrsKind[] = ['lonlat', 'gauss-kruger'];

export interface ParcelShapefileOptions {
  encoding: ShapefileEncoding;
  /** `lonlat`: EPSG:4490; `gauss-kruger`: the park's zone (`context.zone`), EPSG:4534–4554. */
  crs: ShapefileCrsKind;
  /** Default `chinese`; honoured only with GBK (see `parcel-fields.ts`). */
  fieldNames?: FieldNameStyle;
  /** Gauss-Krüger X with the zone number in front (EPSG:4513–4533), as some surveyors' files have it. */
  zonePrefixedX?: boolean;
  modified?: Date;
}

export function parcelShapefile(
  records: readonly ParcelRecord[],
  context: ExportContext,
  options: ParcelShapefileOptions,
): ShapefileFiles {
  const columns = columnsFor(context);
  const style = fieldNameStyleFor(options.fieldNames ?? 'chinese', options.encoding);
  const fields = shapefileFieldsFor(columns, style);
  const crs: ShapefileCrs =
    options.crs === 'lonlat'
      ? { kind: 'lonlat' }
      : { kind: 'gauss-kruger', zone: context.zone, zonePrefixedX: options.zonePrefixedX ?? false };
  const features = records.map((record) => {
    const attributes: Record<string, AttributeValue> = {};
    columns.forEach((column, index) => {
      attributes[(fields[index] as { name: string }).name] = column.value(record, context);
    });
    return { geometry: record.geometry, attributes };
  });
  return writeShapefile(features, { fields, encoding: options.encoding, crs, modified: options.modified });
}
