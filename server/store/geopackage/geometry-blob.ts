/**
 * GeoPackage geometry encoding (OGC 12-128r18, clause 2.1.3 "Geometry Encoding"): a "GP" header with version, flags,
 * srs_id and an [minx, maxx, miny, maxy] envelope, followed by standard WKB.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { type FlatGeometries, type FlatGeometry, outerRingPoints } from '../../import/flat-geometries.ts';
import { decodeWkb, flatWkbByteLength, wkbByteLength, writeFlatWkb, writeWkb } from './wkb.ts';

const HEADER_WITHOUT_ENVELOPE = 8;
/** Envelope byte lengths by the 3-bit envelope contents indicator (clause 2.1.3.1.1). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export type Bounds = [west: number, south: number, east: number, north: number];

export function boundsOf(geometry: Polygon | MultiPolygon | FlatGeometry): Bounds {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  // The outer ring bounds the polygon; holes lie inside it.
  outerRingPoints(geometry, (x, y) => {
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  });
  return [west, south, east, north];
}

/** Bytes `encodeGeometryBlob` gives `geometry` (a flat one as a MultiPolygon). */
function geometryBlobByteLength(geometry: Polygon | MultiPolygon | FlatGeometry): number {
  const wkbBytes =
    geometry.type === 'FlatGeometry'
      ? flatWkbByteLength(geometry.flat, geometry.position)
      : wkbByteLength(geometry);
  return HEADER_WITHOUT_ENVELOPE + 32 + wkbBytes;
}

/** Writes the blob of `geometry` (a flat one as a MultiPolygon) at `offset` of `view`; returns the offset after it. */
function writeGeometryBlob(
  view: DataView,
  offset: number,
  geometry: Polygon | MultiPolygon | FlatGeometry,
  srsId: number,
): number {
  const [west, south, east, north] = boundsOf(geometry);
  view.setUint8(offset, 0x47); // 'G'
  view.setUint8(offset + 1, 0x50); // 'P'
  view.setUint8(offset + 2, 0); // version 1 of the encoding
  // flags: bit 0 = little-endian header, bits 1-3 = envelope indicator 1 ([minx, maxx, miny, maxy]), not empty.
  view.setUint8(offset + 3, 0b0000_0011);
  view.setInt32(offset + 4, srsId, true);
  view.setFloat64(offset + 8, west, true);
  view.setFloat64(offset + 16, east, true);
  view.setFloat64(offset + 24, south, true);
  view.setFloat64(offset + 32, north, true);
  const wkbOffset = offset + HEADER_WITHOUT_ENVELOPE + 32;
  return geometry.type === 'FlatGeometry'
    ? writeFlatWkb(view, wkbOffset, geometry.flat, geometry.position)
    : writeWkb(view, wkbOffset, geometry);
}

export function encodeGeometryBlob(geometry: Polygon | MultiPolygon, srsId: number): Uint8Array {
  const blob = new Uint8Array(geometryBlobByteLength(geometry));
  writeGeometryBlob(new DataView(blob.buffer), 0, geometry, srsId);
  return blob;
}

/**
 * The blobs of every geometry of one flat layer, encoded ahead of the write (by a survey import's area worker,
 * which is idle by then): blob `position` is `bytes[offsets[position]]` … `bytes[offsets[position + 1]]`, empty
 * for a missing geometry.
 */
export interface FlatGeometryBlobs {
  flat: FlatGeometries;
  srsId: number;
  bytes: Uint8Array;
  offsets: Float64Array;
}

/** `encodeGeometryBlob` of every geometry of `flat`, position by position, into one buffer. */
export function encodeFlatGeometryBlobs(flat: FlatGeometries, srsId: number): FlatGeometryBlobs {
  const count = flat.geometryParts.length - 1;
  const offsets = new Float64Array(count + 1);
  const geometries: FlatGeometry[] = [];
  let length = 0;
  for (let position = 0; position < count; position++) {
    const geometry: FlatGeometry = { type: 'FlatGeometry', flat, position };
    geometries.push(geometry);
    if (flat.geometryParts[position] !== flat.geometryParts[position + 1]) {
      length += geometryBlobByteLength(geometry);
    }
    offsets[position + 1] = length;
  }
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  for (let position = 0; position < count; position++) {
    if (offsets[position] !== offsets[position + 1]) {
      writeGeometryBlob(view, offsets[position] as number, geometries[position] as FlatGeometry, srsId);
    }
  }
  return { flat, srsId, bytes, offsets };
}

/**
 * `encodeGeometryBlob` for many geometries in a row (a survey import's 100k parcels), written one after another
 * into shared blocks of memory: the same bytes, as views, without an allocation (and its garbage) per blob. A
 * view stays valid as long as it is referenced; SQLite copies what it is bound to. A geometry of a layer whose
 * blobs were encoded ahead (`encoded`, in the same SRS) is not encoded again: its blob is a view of those.
 */
export class GeometryBlobWriter {
  private static readonly BLOCK_BYTES = 1 << 20;
  private block = new Uint8Array(0);
  private view = new DataView(this.block.buffer);
  private used = 0;

  constructor(private readonly encoded: FlatGeometryBlobs | null = null) {}

  encode(geometry: Polygon | MultiPolygon | FlatGeometry, srsId: number): Uint8Array {
    const encoded = this.encoded;
    if (
      encoded &&
      geometry.type === 'FlatGeometry' &&
      geometry.flat === encoded.flat &&
      srsId === encoded.srsId &&
      encoded.offsets[geometry.position] !== encoded.offsets[geometry.position + 1]
    ) {
      return encoded.bytes.subarray(
        encoded.offsets[geometry.position] as number,
        encoded.offsets[geometry.position + 1] as number,
      );
    }
    const length = geometryBlobByteLength(geometry);
    if (this.used + length > this.block.byteLength) {
      this.block = new Uint8Array(Math.max(GeometryBlobWriter.BLOCK_BYTES, length));
      this.view = new DataView(this.block.buffer);
      this.used = 0;
    }
    const start = this.used;
    this.used = writeGeometryBlob(this.view, start, geometry, srsId);
    return this.block.subarray(start, this.used);
  }
}

export interface DecodedGeometryBlob {
  srsId: number;
  /** null for an empty geometry (flag bit 4). */
  geometry: Polygon | MultiPolygon | null;
}

/**
 * Where the WKB of a GeoPackage blob starts (after the header and its envelope), or null for an empty geometry
 * (flag bit 4); and the blob's srs_id.
 */
export function geometryBlobWkb(blob: Uint8Array): { srsId: number; wkbOffset: number | null } {
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
  return { srsId, wkbOffset: empty ? null : HEADER_WITHOUT_ENVELOPE + envelopeBytes };
}

export function decodeGeometryBlob(blob: Uint8Array): DecodedGeometryBlob {
  const { srsId, wkbOffset } = geometryBlobWkb(blob);
  return { srsId, geometry: wkbOffset === null ? null : decodeWkb(blob, wkbOffset) };
}
