/**
 * Well-Known Binary (OGC 06-103r4 / ISO 19125-1, 2D only) for the geometry types the product stores: Polygon and
 * MultiPolygon. Little-endian on write; either byte order on read. A delivery's geometries (`decodeWkbInto`) may
 * also be the curved types of ISO 13249-3 that ArcGIS and FME write for polygon layers, CurvePolygon and
 * MultiSurface: their rings are read as rings, and circular arcs as chords (`CircularString`).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { FlatGeometries } from '../../import/flat-geometries.ts';

const WKB_LINESTRING = 2;
const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;
const WKB_CIRCULARSTRING = 8;
const WKB_COMPOUNDCURVE = 9;
const WKB_CURVEPOLYGON = 10;
const WKB_MULTISURFACE = 12;
/**
 * The largest angle a chord of a circular arc spans: the chord then keeps within R·(1 − cos 0.5°) ≈ 4·10⁻⁵ R of the
 * arc, under a millimetre for a parcel boundary's arc of 20 m radius.
 */
const ARC_STEP_RADIANS = Math.PI / 180;

function polygonByteLength(rings: Position[][]): number {
  let length = 1 + 4 + 4;
  for (const ring of rings) length += 4 + ring.length * 16;
  return length;
}

function writePolygon(view: DataView, offset: number, rings: Position[][]): number {
  view.setUint8(offset, 1);
  view.setUint32(offset + 1, WKB_POLYGON, true);
  view.setUint32(offset + 5, rings.length, true);
  let cursor = offset + 9;
  for (const ring of rings) {
    view.setUint32(cursor, ring.length, true);
    cursor += 4;
    for (const position of ring) {
      view.setFloat64(cursor, position[0] as number, true);
      view.setFloat64(cursor + 8, position[1] as number, true);
      cursor += 16;
    }
  }
  return cursor;
}

/** Bytes `writeWkb` writes for `geometry`. */
export function wkbByteLength(geometry: Polygon | MultiPolygon): number {
  if (geometry.type === 'Polygon') return polygonByteLength(geometry.coordinates);
  let length = 1 + 4 + 4;
  for (const polygon of geometry.coordinates) length += polygonByteLength(polygon);
  return length;
}

/** Writes `geometry`'s WKB at `offset` of `view` (`wkbByteLength` bytes); returns the offset after it. */
export function writeWkb(view: DataView, offset: number, geometry: Polygon | MultiPolygon): number {
  if (geometry.type === 'Polygon') return writePolygon(view, offset, geometry.coordinates);
  view.setUint8(offset, 1);
  view.setUint32(offset + 1, WKB_MULTIPOLYGON, true);
  view.setUint32(offset + 5, geometry.coordinates.length, true);
  let cursor = offset + 9;
  for (const polygon of geometry.coordinates) cursor = writePolygon(view, cursor, polygon);
  return cursor;
}

/** Bytes `writeFlatWkb` writes for geometry `position` of `flat`. */
export function flatWkbByteLength(flat: FlatGeometries, position: number): number {
  const firstPart = flat.geometryParts[position] as number;
  const endPart = flat.geometryParts[position + 1] as number;
  const firstRing = flat.partRings[firstPart] as number;
  const endRing = flat.partRings[endPart] as number;
  const points = (flat.ringPoints[endRing] as number) - (flat.ringPoints[firstRing] as number);
  return 1 + 4 + 4 + (endPart - firstPart) * (1 + 4 + 4) + (endRing - firstRing) * 4 + points * 16;
}

/**
 * Writes geometry `position` of `flat` as a WKB MultiPolygon at `offset` of `view`, the bytes `writeWkb` writes for
 * the same geometry as a GeoJSON MultiPolygon; returns the offset after it.
 */
export function writeFlatWkb(view: DataView, offset: number, flat: FlatGeometries, position: number): number {
  const firstPart = flat.geometryParts[position] as number;
  const endPart = flat.geometryParts[position + 1] as number;
  view.setUint8(offset, 1);
  view.setUint32(offset + 1, WKB_MULTIPOLYGON, true);
  view.setUint32(offset + 5, endPart - firstPart, true);
  let cursor = offset + 9;
  for (let part = firstPart; part < endPart; part++) {
    const firstRing = flat.partRings[part] as number;
    const endRing = flat.partRings[part + 1] as number;
    view.setUint8(cursor, 1);
    view.setUint32(cursor + 1, WKB_POLYGON, true);
    view.setUint32(cursor + 5, endRing - firstRing, true);
    cursor += 9;
    for (let ring = firstRing; ring < endRing; ring++) {
      const firstPoint = flat.ringPoints[ring] as number;
      const endPoint = flat.ringPoints[ring + 1] as number;
      view.setUint32(cursor, endPoint - firstPoint, true);
      cursor += 4;
      for (let point = firstPoint; point < endPoint; point++) {
        view.setFloat64(cursor, flat.coordinates[2 * point] as number, true);
        view.setFloat64(cursor + 8, flat.coordinates[2 * point + 1] as number, true);
        cursor += 16;
      }
    }
  }
  return cursor;
}

export function encodeWkb(geometry: Polygon | MultiPolygon): Uint8Array {
  const bytes = new Uint8Array(wkbByteLength(geometry));
  writeWkb(new DataView(bytes.buffer), 0, geometry);
  return bytes;
}

/** Receives a geometry's coordinates in WKB order (`decodeWkbInto`): the points of a ring, then its end, … */
export interface WkbSink {
  point(x: number, y: number): void;
  endRing(): void;
  endPart(): void;
}

class WkbReader {
  private cursor: number;
  private littleEndian = true;
  constructor(
    private readonly view: DataView,
    offset: number,
  ) {
    this.cursor = offset;
  }
  byteOrder(): void {
    this.littleEndian = this.view.getUint8(this.cursor) === 1;
    this.cursor += 1;
  }
  uint32(): number {
    const value = this.view.getUint32(this.cursor, this.littleEndian);
    this.cursor += 4;
    return value;
  }
  float64(): number {
    const value = this.view.getFloat64(this.cursor, this.littleEndian);
    this.cursor += 8;
    return value;
  }
  /** Geometry type without the ISO (1000s) or EWKB (high bits) Z/M flags; a 3D coordinate keeps only x, y. */
  geometryType(): { type: number; dimensions: number } {
    const raw = this.uint32();
    const hasZ =
      (raw & 0x80000000) !== 0 || (raw % 10000 >= 1000 && raw % 10000 < 2000) || raw % 10000 >= 3000;
    const hasM = (raw & 0x40000000) !== 0 || (raw % 10000 >= 2000 && raw % 10000 < 4000);
    return { type: (raw & 0x0fffffff) % 1000, dimensions: 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0) };
  }
  /** The rings of one polygon, point by point into `sink`; returns how many there were. */
  ringsInto(dimensions: number, sink: WkbSink): number {
    const ringCount = this.uint32();
    for (let ringIndex = 0; ringIndex < ringCount; ringIndex++) {
      const pointCount = this.uint32();
      for (let pointIndex = 0; pointIndex < pointCount; pointIndex++) {
        const x = this.float64();
        const y = this.float64();
        for (let extra = 2; extra < dimensions; extra++) this.float64();
        sink.point(x, y);
      }
      sink.endRing();
    }
    return ringCount;
  }
  /**
   * A curve with its own header (a CurvePolygon's ring, a CompoundCurve's member) into `sink`, point by point; with
   * `continuing`, without its first point, which is the previous member's last.
   */
  curveInto(sink: WkbSink, continuing: boolean): void {
    this.byteOrder();
    const { type, dimensions } = this.geometryType();
    if (type === WKB_COMPOUNDCURVE) {
      const members = this.uint32();
      for (let member = 0; member < members; member++) this.curveInto(sink, continuing || member > 0);
      return;
    }
    if (type !== WKB_LINESTRING && type !== WKB_CIRCULARSTRING) {
      throw new Error(`curve of WKB type ${type} in a CurvePolygon`);
    }
    const pointCount = this.uint32();
    const xs = new Float64Array(pointCount);
    const ys = new Float64Array(pointCount);
    for (let pointIndex = 0; pointIndex < pointCount; pointIndex++) {
      xs[pointIndex] = this.float64();
      ys[pointIndex] = this.float64();
      for (let extra = 2; extra < dimensions; extra++) this.float64();
    }
    if (!continuing && pointCount > 0) sink.point(xs[0] as number, ys[0] as number);
    if (type === WKB_LINESTRING) {
      for (let pointIndex = 1; pointIndex < pointCount; pointIndex++) {
        sink.point(xs[pointIndex] as number, ys[pointIndex] as number);
      }
      return;
    }
    // A CircularString: arcs through points 0-1-2, 2-3-4, …
    for (let start = 0; start + 2 < pointCount; start += 2) arcInto(xs, ys, start, sink);
  }
  /**
   * `ringsInto` building GeoJSON rings directly. Not written on top of it on purpose: with a sink of closures,
   * decoding a 100k-parcel store's blobs (on every server start) took 200–280 ms instead of 40–100 ms.
   */
  rings(dimensions: number): Position[][] {
    const ringCount = this.uint32();
    const rings: Position[][] = [];
    for (let ringIndex = 0; ringIndex < ringCount; ringIndex++) {
      const pointCount = this.uint32();
      const ring: Position[] = [];
      for (let pointIndex = 0; pointIndex < pointCount; pointIndex++) {
        const x = this.float64();
        const y = this.float64();
        for (let extra = 2; extra < dimensions; extra++) this.float64();
        ring.push([x, y]);
      }
      rings.push(ring);
    }
    return rings;
  }
}

export function decodeWkb(bytes: Uint8Array, offset = 0): Polygon | MultiPolygon {
  const reader = new WkbReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset);
  reader.byteOrder();
  const { type, dimensions } = reader.geometryType();
  if (type === WKB_POLYGON) return { type: 'Polygon', coordinates: reader.rings(dimensions) };
  if (type === WKB_MULTIPOLYGON) {
    const polygonCount = reader.uint32();
    const coordinates: Position[][][] = [];
    for (let index = 0; index < polygonCount; index++) {
      reader.byteOrder();
      const inner = reader.geometryType();
      if (inner.type !== WKB_POLYGON) throw new Error(`MultiPolygon member of WKB type ${inner.type}`);
      coordinates.push(reader.rings(inner.dimensions));
    }
    return { type: 'MultiPolygon', coordinates };
  }
  throw new Error(`unsupported WKB geometry type ${type} (only Polygon and MultiPolygon are stored)`);
}

/**
 * `decodeWkb` without the GeoJSON: the same rings, points and Z/M handling, handed to `sink` as read. Returns the
 * number of parts: a multipolygon's members, empty or not; a polygon's one, or none when it has no ring (its GeoJSON
 * coordinates are empty).
 */
export function decodeWkbInto(bytes: Uint8Array, offset: number, sink: WkbSink): number {
  const reader = new WkbReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset);
  reader.byteOrder();
  const { type, dimensions } = reader.geometryType();
  if (type === WKB_POLYGON || type === WKB_CURVEPOLYGON) {
    if (surfaceInto(reader, type, dimensions, sink) === 0) return 0;
    sink.endPart();
    return 1;
  }
  if (type === WKB_MULTIPOLYGON || type === WKB_MULTISURFACE) {
    const polygonCount = reader.uint32();
    for (let index = 0; index < polygonCount; index++) {
      reader.byteOrder();
      const inner = reader.geometryType();
      const member = type === WKB_MULTISURFACE ? [WKB_POLYGON, WKB_CURVEPOLYGON] : [WKB_POLYGON];
      if (!member.includes(inner.type)) {
        throw new Error(
          `${type === WKB_MULTISURFACE ? 'MultiSurface' : 'MultiPolygon'} member of WKB type ${inner.type}`,
        );
      }
      surfaceInto(reader, inner.type, inner.dimensions, sink);
      sink.endPart();
    }
    return polygonCount;
  }
  throw new Error(
    `unsupported WKB geometry type ${type} (only Polygon, MultiPolygon, CurvePolygon and MultiSurface are read)`,
  );
}

/** A Polygon's or a CurvePolygon's rings into `sink`; returns how many there were. */
function surfaceInto(reader: WkbReader, type: number, dimensions: number, sink: WkbSink): number {
  if (type === WKB_POLYGON) return reader.ringsInto(dimensions, sink);
  const ringCount = reader.uint32();
  for (let ringIndex = 0; ringIndex < ringCount; ringIndex++) {
    reader.curveInto(sink, false);
    sink.endRing();
  }
  return ringCount;
}

/**
 * The arc from point `start` through `start + 1` to `start + 2` as chords of at most `ARC_STEP_RADIANS`, without
 * its first point (already in the sink). Three points on a line are a straight segment.
 */
function arcInto(xs: Float64Array, ys: Float64Array, start: number, sink: WkbSink): void {
  const [x0, y0, x1, y1, x2, y2] = [
    xs[start] as number,
    ys[start] as number,
    xs[start + 1] as number,
    ys[start + 1] as number,
    xs[start + 2] as number,
    ys[start + 2] as number,
  ];
  // The circle through the three points (relative to the first, for precision).
  const ax = x1 - x0;
  const ay = y1 - y0;
  const bx = x2 - x0;
  const by = y2 - y0;
  const determinant = 2 * (ax * by - ay * bx);
  const scale = Math.max(Math.abs(ax), Math.abs(ay), Math.abs(bx), Math.abs(by));
  if (Math.abs(determinant) <= 1e-12 * scale * scale) {
    // Collinear (or a repeated point): the arc is the segment.
    if (x1 !== x2 || y1 !== y2) sink.point(x1, y1);
    sink.point(x2, y2);
    return;
  }
  const a2 = ax * ax + ay * ay;
  const b2 = bx * bx + by * by;
  const centreX = (by * a2 - ay * b2) / determinant;
  const centreY = (ax * b2 - bx * a2) / determinant;
  const radius = Math.hypot(centreX, centreY);
  const angleOf = (x: number, y: number) => Math.atan2(y - centreY, x - centreX);
  const start0 = angleOf(0, 0);
  const turn = (angle: number) => {
    const difference = (angle - start0) % (2 * Math.PI);
    return difference < 0 ? difference + 2 * Math.PI : difference;
  };
  // Counter-clockwise when the middle point comes before the end going counter-clockwise from the start.
  const counterClockwise = turn(angleOf(ax, ay)) < turn(angleOf(bx, by));
  const sweep = counterClockwise ? turn(angleOf(bx, by)) : turn(angleOf(bx, by)) - 2 * Math.PI;
  const steps = Math.max(2, Math.ceil(Math.abs(sweep) / ARC_STEP_RADIANS));
  for (let step = 1; step < steps; step++) {
    const angle = start0 + (sweep * step) / steps;
    sink.point(x0 + centreX + radius * Math.cos(angle), y0 + centreY + radius * Math.sin(angle));
  }
  sink.point(x2, y2);
}
