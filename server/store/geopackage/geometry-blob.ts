/**
 * GeoPackage geometry encoding (OGC 12-128r18, clause 2.1.3 "Geometry Encoding"): a "GP" header with version, flags,
 * srs_id and an [minx, maxx, miny, maxy] envelope, followed by standard WKB.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { decodeWkb, encodeWkb } from './wkb.ts';

const HEADER_WITHOUT_ENVELOPE = 8;
/** Envelope byte lengths by the 3-bit envelope contents indicator (clause 2.1.3.1.1). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export type Bounds = [west: number, south: number, east: number, north: number];

export function boundsOf(geometry: Polygon | MultiPolygon): Bounds {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    // The outer ring bounds the polygon; holes lie inside it.
    for (const position of polygon[0] ?? []) {
      const x = position[0] as number;
      const y = position[1] as number;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
  }
  return [west, south, east, north];
}

export function encodeGeometryBlob(geometry: Polygon | MultiPolygon, srsId: number): Uint8Array {
  const wkb = encodeWkb(geometry);
  const [west, south, east, north] = boundsOf(geometry);
  const blob = new Uint8Array(HEADER_WITHOUT_ENVELOPE + 32 + wkb.length);
  const view = new DataView(blob.buffer);
  view.setUint8(0, 0x47); // 'G'
  view.setUint8(1, 0x50); // 'P'
  view.setUint8(2, 0); // version 1 of the encoding
  // flags: bit 0 = little-endian header, bits 1-3 = envelope indicator 1 ([minx, maxx, miny, maxy]), not empty.
  view.setUint8(3, 0b0000_0011);
  view.setInt32(4, srsId, true);
  view.setFloat64(8, west, true);
  view.setFloat64(16, east, true);
  view.setFloat64(24, south, true);
  view.setFloat64(32, north, true);
  blob.set(wkb, 40);
  return blob;
}

export interface DecodedGeometryBlob {
  srsId: number;
  /** null for an empty geometry (flag bit 4). */
  geometry: Polygon | MultiPolygon | null;
}

export function decodeGeometryBlob(blob: Uint8Array): DecodedGeometryBlob {
  if (blob.length < HEADER_WITHOUT_ENVELOPE || blob[0] !== 0x47 || blob[1] !== 0x50) {
    throw new Error('not a GeoPackage geometry blob (missing "GP" magic)');
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const flags = view.getUint8(3);
  const littleEndian = (flags & 1) === 1;
  const envelopeIndicator = (flags >> 1) & 0b111;
  const empty = ((flags >> 4) & 1) === 1;
  const envelopeBytes = ENVELOPE_BYTES[envelopeIndicator];
  if (envelopeBytes === undefined)
    throw new Error(`invalid GeoPackage envelope indicator ${envelopeIndicator}`);
  const srsId = view.getInt32(4, littleEndian);
  if (empty) return { srsId, geometry: null };
  return { srsId, geometry: decodeWkb(blob, HEADER_WITHOUT_ENVELOPE + envelopeBytes) };
}
