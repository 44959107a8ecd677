/**
 * The map's geometry on the wire: one binary buffer for every parcel, built once at start-up, cached by ETag, and
 * decoded in the browser straight into deck.gl binary attributes (no GeoJSON parsing, no triangulation there).
 *
 * Layout "PCMG" version 1, little-endian, every array 4-byte aligned and the float arrays 8-byte aligned:
 *
 *   header   char[4] "PCMG", u32 version, u32 parcelCount, u32 polygonCount, u32 ringCount, u32 vertexCount,
 *            u32 triangleIndexCount, u32 reserved, f64 originLongitude, f64 originLatitude          (48 bytes)
 *   u32[parcelCount]        parcelIds                       parcel order = order of the parcel summaries
 *   u32[polygonCount]       polygonParcelIndex              a MultiPolygon parcel has several polygons
 *   u32[polygonCount + 1]   polygonVertexStart              deck.gl SolidPolygonLayer `startIndices`
 *   u32[ringCount]          ringParcelIndex
 *   u32[ringCount + 1]      ringVertexStart                 ring starts (rings open: outlines and selection close them)
 *   u32[triangleIndexCount] triangleIndices                 earcut, global vertex indices (holes excluded)
 *   f32[vertexCount * 2]    positions                       lon/lat offsets from the origin, in degrees
 *
 * Offsets from an origin inside the park keep float32 at ~1 mm (an absolute float32 longitude near 106° would be
 * ~0.8 m); deck.gl draws them with `COORDINATE_SYSTEM.LNGLAT_OFFSETS` and `coordinateOrigin`.
 */
import earcut from 'earcut';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export const GEOMETRY_MAGIC = 'PCMG';
export const GEOMETRY_FORMAT_VERSION = 1;
const HEADER_BYTES = 48;

export interface ParcelGeometryInput {
  id: number;
  geometry: Polygon | MultiPolygon;
}

export interface ParcelGeometryBuffers {
  parcelCount: number;
  polygonCount: number;
  ringCount: number;
  vertexCount: number;
  origin: [number, number];
  parcelIds: Uint32Array;
  polygonParcelIndex: Uint32Array;
  polygonVertexStart: Uint32Array;
  ringParcelIndex: Uint32Array;
  ringVertexStart: Uint32Array;
  triangleIndices: Uint32Array;
  positions: Float32Array;
}

function openRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1])
    return ring.slice(0, -1);
  return ring;
}

export function encodeParcelGeometry(
  parcels: readonly ParcelGeometryInput[],
  origin: [number, number],
): Uint8Array<ArrayBuffer> {
  let polygonCount = 0;
  let ringCount = 0;
  let vertexCount = 0;
  for (const parcel of parcels) {
    const polygons =
      parcel.geometry.type === 'Polygon' ? [parcel.geometry.coordinates] : parcel.geometry.coordinates;
    polygonCount += polygons.length;
    for (const polygon of polygons) {
      ringCount += polygon.length;
      for (const ring of polygon) vertexCount += openRing(ring).length;
    }
  }
  const parcelIds = new Uint32Array(parcels.length);
  const polygonParcelIndex = new Uint32Array(polygonCount);
  const polygonVertexStart = new Uint32Array(polygonCount + 1);
  const ringParcelIndex = new Uint32Array(ringCount);
  const ringVertexStart = new Uint32Array(ringCount + 1);
  const positions = new Float32Array(vertexCount * 2);
  const triangles: number[] = [];
  let polygonIndex = 0;
  let ringIndex = 0;
  let vertexIndex = 0;
  parcels.forEach((parcel, parcelIndex) => {
    parcelIds[parcelIndex] = parcel.id;
    const polygons =
      parcel.geometry.type === 'Polygon' ? [parcel.geometry.coordinates] : parcel.geometry.coordinates;
    for (const polygon of polygons) {
      polygonParcelIndex[polygonIndex] = parcelIndex;
      polygonVertexStart[polygonIndex] = vertexIndex;
      const polygonStart = vertexIndex;
      // earcut works on offsets in degrees; at park scale the lon/lat plane is conformal enough to triangulate.
      const flat: number[] = [];
      const holeStarts: number[] = [];
      polygon.forEach((ring, indexInPolygon) => {
        if (indexInPolygon > 0) holeStarts.push(flat.length / 2);
        ringParcelIndex[ringIndex] = parcelIndex;
        ringVertexStart[ringIndex] = vertexIndex;
        for (const position of openRing(ring)) {
          const x = (position[0] as number) - origin[0];
          const y = (position[1] as number) - origin[1];
          flat.push(x, y);
          positions[vertexIndex * 2] = x;
          positions[vertexIndex * 2 + 1] = y;
          vertexIndex++;
        }
        ringIndex++;
      });
      for (const index of earcut(flat, holeStarts, 2)) triangles.push(index + polygonStart);
      polygonIndex++;
    }
  });
  polygonVertexStart[polygonCount] = vertexIndex;
  ringVertexStart[ringCount] = vertexIndex;

  const sections: ArrayBufferView[] = [
    parcelIds,
    polygonParcelIndex,
    polygonVertexStart,
    ringParcelIndex,
    ringVertexStart,
    Uint32Array.from(triangles),
  ];
  let size = HEADER_BYTES;
  for (const section of sections) size += section.byteLength;
  size = align8(size);
  size += positions.byteLength;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < 4; index++) view.setUint8(index, GEOMETRY_MAGIC.charCodeAt(index));
  view.setUint32(4, GEOMETRY_FORMAT_VERSION, true);
  view.setUint32(8, parcels.length, true);
  view.setUint32(12, polygonCount, true);
  view.setUint32(16, ringCount, true);
  view.setUint32(20, vertexCount, true);
  view.setUint32(24, triangles.length, true);
  view.setUint32(28, 0, true);
  view.setFloat64(32, origin[0], true);
  view.setFloat64(40, origin[1], true);
  let offset = HEADER_BYTES;
  for (const section of sections) {
    bytes.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), offset);
    offset += section.byteLength;
  }
  offset = align8(offset);
  bytes.set(new Uint8Array(positions.buffer), offset);
  return bytes;
}

function align8(value: number): number {
  return Math.ceil(value / 8) * 8;
}

/** Zero-copy views into `buffer` (which must start at a 8-byte-aligned offset, as a fetched ArrayBuffer does). */
export function decodeParcelGeometry(buffer: ArrayBuffer): ParcelGeometryBuffers {
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== GEOMETRY_MAGIC) throw new Error(`not a parcel geometry buffer (magic "${magic}")`);
  const version = view.getUint32(4, true);
  if (version !== GEOMETRY_FORMAT_VERSION) throw new Error(`unsupported parcel geometry version ${version}`);
  const parcelCount = view.getUint32(8, true);
  const polygonCount = view.getUint32(12, true);
  const ringCount = view.getUint32(16, true);
  const vertexCount = view.getUint32(20, true);
  const triangleIndexCount = view.getUint32(24, true);
  const origin: [number, number] = [view.getFloat64(32, true), view.getFloat64(40, true)];
  let offset = HEADER_BYTES;
  const take = (length: number): Uint32Array => {
    const array = new Uint32Array(buffer, offset, length);
    offset += length * 4;
    return array;
  };
  const parcelIds = take(parcelCount);
  const polygonParcelIndex = take(polygonCount);
  const polygonVertexStart = take(polygonCount + 1);
  const ringParcelIndex = take(ringCount);
  const ringVertexStart = take(ringCount + 1);
  const triangleIndices = take(triangleIndexCount);
  offset = align8(offset);
  const positions = new Float32Array(buffer, offset, vertexCount * 2);
  return {
    parcelCount,
    polygonCount,
    ringCount,
    vertexCount,
    origin,
    parcelIds,
    polygonParcelIndex,
    polygonVertexStart,
    ringParcelIndex,
    ringVertexStart,
    triangleIndices,
    positions,
  };
}
