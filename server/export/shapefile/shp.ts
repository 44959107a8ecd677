/**
 * The `.shp` and `.shx` of a Polygon Shapefile (ESRI Shapefile Technical Description, July 1998).
 *
 * - Shape type 5 (Polygon). A MultiPolygon is one shape whose parts are every ring of every polygon.
 * - Rings are closed and oriented as the specification requires: outer rings clockwise, holes counter-clockwise
 *   (GeoJSON, RFC 7946 §3.1.6, says the opposite, and sources say anything), so readers that tell holes from
 *   outer rings by orientation (ArcGIS, GDAL) read the same polygon.
 * - The main header and each record carry their bounding box; lengths are in 16-bit words; integers are big-endian
 *   in the headers and little-endian in the content, as the specification mixes them.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Project } from './coordinate-systems.ts';

export type ShapeGeometry = Polygon | MultiPolygon;

type Point = [number, number];

/** One shape ready to write: its parts (closed, oriented rings in output coordinates), or null for a null shape. */
export type Shape = Point[][] | null;

const FILE_CODE = 9994;
const VERSION = 1000;
const POLYGON = 5;
const NULL_SHAPE = 0;
const HEADER_BYTES = 100;
const RECORD_HEADER_BYTES = 8;

/**
 * Twice the signed area of a ring (shoelace), positive when counter-clockwise with X east and Y north. Taken
 * relative to the first vertex: Gauss-Krüger coordinates are ~10^6–10^7 m and their products would lose the sign of
 * a small sliver.
 */
export function twiceSignedArea(ring: readonly Point[]): number {
  const origin = ring[0];
  if (!origin) return 0;
  let sum = 0;
  for (let index = 0; index < ring.length; index++) {
    const current = ring[index] as Point;
    const next = ring[(index + 1) % ring.length] as Point;
    sum +=
      (current[0] - origin[0]) * (next[1] - origin[1]) - (next[0] - origin[0]) * (current[1] - origin[1]);
  }
  return sum;
}

function closed(ring: Point[]): Point[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || (first[0] === last[0] && first[1] === last[1])) return ring;
  return [...ring, [first[0], first[1]]];
}

/** Outer rings clockwise (negative signed area), holes counter-clockwise; a ring with no area is left as it is. */
function oriented(ring: Point[], outer: boolean): Point[] {
  const area = twiceSignedArea(ring);
  const clockwise = area < 0;
  if (area === 0 || clockwise === outer) return ring;
  return [...ring].reverse();
}

/** The parts of one shape: every polygon's outer ring then its holes, projected, closed and re-oriented. */
export function shapeOf(geometry: ShapeGeometry | null, project: Project): Shape {
  if (!geometry) return null;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const parts: Point[][] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring: Position[], index) => {
      if (ring.length === 0) return;
      const projected = ring.map((position) => project(position[0] as number, position[1] as number));
      parts.push(oriented(closed(projected), index === 0));
    });
  }
  return parts.length > 0 ? parts : null;
}

export interface BoundingBox {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function boundingBoxOf(parts: readonly Point[][]): BoundingBox {
  const box = { xMin: Infinity, yMin: Infinity, xMax: -Infinity, yMax: -Infinity };
  for (const part of parts) {
    for (const [x, y] of part) {
      box.xMin = Math.min(box.xMin, x);
      box.yMin = Math.min(box.yMin, y);
      box.xMax = Math.max(box.xMax, x);
      box.yMax = Math.max(box.yMax, y);
    }
  }
  return box;
}

function union(boxes: readonly BoundingBox[]): BoundingBox {
  // An empty file has no extent; the specification leaves it unspecified, and GDAL writes zeros.
  if (boxes.length === 0) return { xMin: 0, yMin: 0, xMax: 0, yMax: 0 };
  // A loop, not Math.min(...boxes): spreading 100k parcels as arguments overflows the call stack.
  return boxes.reduce((total, box) => ({
    xMin: Math.min(total.xMin, box.xMin),
    yMin: Math.min(total.yMin, box.yMin),
    xMax: Math.max(total.xMax, box.xMax),
    yMax: Math.max(total.yMax, box.yMax),
  }));
}

/** Content bytes of a record: type, box, part and point counts, part starts, points (specification, table 6). */
function contentBytes(shape: Shape): number {
  if (!shape) return 4;
  const pointCount = shape.reduce((sum, part) => sum + part.length, 0);
  return 44 + 4 * shape.length + 16 * pointCount;
}

function writeHeader(view: DataView, fileBytes: number, box: BoundingBox): void {
  view.setInt32(0, FILE_CODE, false);
  view.setInt32(24, fileBytes / 2, false);
  view.setInt32(28, VERSION, true);
  view.setInt32(32, POLYGON, true);
  view.setFloat64(36, box.xMin, true);
  view.setFloat64(44, box.yMin, true);
  view.setFloat64(52, box.xMax, true);
  view.setFloat64(60, box.yMax, true);
  // Z and M ranges (68–99) stay 0: the shape type has neither.
}

/** The `.shp` and `.shx` bytes of the shapes, in order (record numbers start at 1). */
export function encodeShapes(shapes: readonly Shape[]): { shp: Uint8Array; shx: Uint8Array } {
  const boxes = shapes.map((shape) => (shape ? boundingBoxOf(shape) : null));
  const extent = union(boxes.filter((box): box is BoundingBox => box !== null));
  const shpBytes =
    HEADER_BYTES + shapes.reduce((sum, shape) => sum + RECORD_HEADER_BYTES + contentBytes(shape), 0);
  const shxBytes = HEADER_BYTES + RECORD_HEADER_BYTES * shapes.length;
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(shxBytes);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  writeHeader(shpView, shpBytes, extent);
  writeHeader(shxView, shxBytes, extent);

  let offset = HEADER_BYTES;
  shapes.forEach((shape, index) => {
    const content = contentBytes(shape);
    shxView.setInt32(HEADER_BYTES + index * RECORD_HEADER_BYTES, offset / 2, false);
    shxView.setInt32(HEADER_BYTES + index * RECORD_HEADER_BYTES + 4, content / 2, false);
    shpView.setInt32(offset, index + 1, false);
    shpView.setInt32(offset + 4, content / 2, false);
    let cursor = offset + RECORD_HEADER_BYTES;
    const box = boxes[index];
    if (!shape || !box) {
      shpView.setInt32(cursor, NULL_SHAPE, true);
    } else {
      shpView.setInt32(cursor, POLYGON, true);
      shpView.setFloat64(cursor + 4, box.xMin, true);
      shpView.setFloat64(cursor + 12, box.yMin, true);
      shpView.setFloat64(cursor + 20, box.xMax, true);
      shpView.setFloat64(cursor + 28, box.yMax, true);
      shpView.setInt32(cursor + 36, shape.length, true);
      shpView.setInt32(
        cursor + 40,
        shape.reduce((sum, part) => sum + part.length, 0),
        true,
      );
      cursor += 44;
      let partStart = 0;
      for (const part of shape) {
        shpView.setInt32(cursor, partStart, true);
        cursor += 4;
        partStart += part.length;
      }
      for (const part of shape) {
        for (const [x, y] of part) {
          shpView.setFloat64(cursor, x, true);
          shpView.setFloat64(cursor + 8, y, true);
          cursor += 16;
        }
      }
    }
    offset += RECORD_HEADER_BYTES + content;
  });
  return { shp, shx };
}
