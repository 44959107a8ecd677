/**
 * The two checks of a delivery that compare geometries with each other: parcels overlapping parcels, and parcels
 * outside the park's red line. Both must stay fast at 100k parcels, so exact clipping (polyclip-ts through turf)
 * only runs where a cheap exact test has already shown that two interiors meet:
 *
 *   Flatbush on bounds → bounds overlapping by more than a hair → a vertex or edge midpoint strictly inside the
 *   other, or edges properly crossing → turf `intersect` → ellipsoidal area (areas.ts).
 *
 * Neighbours in a clean cadastral tessellation share edges and vertices; they stop at the third step.
 */
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { type AreaGeometry, ellipsoidArea } from '../domain/areas.ts';
import { asGeoJson, type ImportGeometry } from './flat-geometries.ts';
import { boundaryEntersInterior, edgesCross, type FlatShape, flatShapes } from './flat-shape.ts';
import { type OpenRing, type Point, pointInRing, segmentContact } from './geometry-repair.ts';
import { turf } from './turf.ts';

/** ≈0.1 mm in degrees: bounds that meet by less than this only touch (shared edges of neighbours). */
const HAIR_DEGREES = 1e-9;

interface PreparedGeometry {
  geometry: AreaGeometry;
  /** Each part's rings, open (no closing vertex). */
  parts: OpenRing[][];
  bounds: [number, number, number, number];
}

function prepare(geometry: AreaGeometry): PreparedGeometry {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const parts = polygons.map((rings) =>
    rings.map((ring) => {
      const open = ring.slice(0, -1).map((position) => [position[0], position[1]] as Point);
      for (const [x, y] of open) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      return open;
    }),
  );
  return { geometry, parts, bounds: [minX, minY, maxX, maxY] };
}

/**
 * 1e-11° ≈ 1 µm from an edge still counts as on it (see `pointInRing`): a shared edge's midpoint, computed in
 * doubles near 106°, lands ~1e-14° off the edge; treating it as inside would send every neighbour to clipping.
 */
const ON_EDGE_TOLERANCE = 1e-11;

function sameBounds(first: FlatShape, second: FlatShape): boolean {
  const [firstMinX, firstMinY, firstMaxX, firstMaxY] = first.bounds;
  const [secondMinX, secondMinY, secondMaxX, secondMaxY] = second.bounds;
  return (
    Math.abs(firstMinX - secondMinX) <= HAIR_DEGREES &&
    Math.abs(firstMinY - secondMinY) <= HAIR_DEGREES &&
    Math.abs(firstMaxX - secondMaxX) <= HAIR_DEGREES &&
    Math.abs(firstMaxY - secondMaxY) <= HAIR_DEGREES
  );
}

/**
 * Exact when no vertex of one lies exactly on an edge of the other; for shapes that share their whole boundary
 * (a duplicate polygon) the equal bounds send the pair to clipping.
 */
function interiorsMayMeet(first: FlatShape, second: FlatShape): boolean {
  return (
    sameBounds(first, second) ||
    boundaryEntersInterior(first, second, ON_EDGE_TOLERANCE) ||
    boundaryEntersInterior(second, first, ON_EDGE_TOLERANCE) ||
    edgesCross(first, second)
  );
}

function toFeature(geometry: AreaGeometry): Feature<Polygon | MultiPolygon> {
  const { multiPolygon, polygon } = turf();
  return geometry.type === 'Polygon' ? polygon(geometry.coordinates) : multiPolygon(geometry.coordinates);
}

export interface OverlapPair {
  /** Positions in the array given to `findOverlaps`, first < second. */
  first: number;
  second: number;
  /** Ellipsoidal area of the shared part, ㎡; NaN when clipping failed on the pair. */
  squareMetres: number;
}

export interface OverlapSummary {
  /** Pairs whose shared area is at least the tolerance, in order of `first`, then `second`. */
  pairs: OverlapPair[];
  /** Pairs that share some area below the tolerance (digitizing slivers): counted, not listed. */
  slivers: { count: number; squareMetres: number };
  toleranceSquareMetres: number;
}

/** `shapes`: `flatShapes(geometries)`, when the caller has made them already. */
export function findOverlaps(
  geometries: readonly (ImportGeometry | null)[],
  toleranceSquareMetres: number,
  shapes?: readonly (FlatShape | null)[],
): OverlapSummary {
  const prepared = shapes ?? flatShapes(geometries);
  const present: number[] = [];
  prepared.forEach((entry, position) => {
    if (entry) present.push(position);
  });
  const summary: OverlapSummary = {
    pairs: [],
    slivers: { count: 0, squareMetres: 0 },
    toleranceSquareMetres,
  };
  if (present.length < 2) return summary;
  const index = new Flatbush(present.length);
  for (const position of present) {
    const [minX, minY, maxX, maxY] = (prepared[position] as FlatShape).bounds;
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  for (let slot = 0; slot < present.length; slot++) {
    const position = present[slot] as number;
    const first = prepared[position] as FlatShape;
    const [minX, minY, maxX, maxY] = first.bounds;
    // Only the later slots: each pair is tested once, from its first parcel, and the search allocates and the
    // sort orders half as many slots.
    const found = index.search(
      minX + HAIR_DEGREES,
      minY + HAIR_DEGREES,
      maxX - HAIR_DEGREES,
      maxY - HAIR_DEGREES,
      (otherSlot) => otherSlot > slot,
    );
    for (const otherSlot of found.sort((a, b) => a - b)) {
      const otherPosition = present[otherSlot] as number;
      const second = prepared[otherPosition] as FlatShape;
      if (!interiorsMayMeet(first, second)) continue;
      const squareMetres = sharedSquareMetres(
        geometries[position] as ImportGeometry,
        geometries[otherPosition] as ImportGeometry,
      );
      if (Number.isNaN(squareMetres)) {
        // polyclip gave up on this pair: listed with an unknown area rather than silently passed.
        summary.pairs.push({ first: position, second: otherPosition, squareMetres });
        continue;
      }
      if (squareMetres >= toleranceSquareMetres) {
        summary.pairs.push({ first: position, second: otherPosition, squareMetres });
      } else if (squareMetres > 0) {
        summary.slivers.count++;
        summary.slivers.squareMetres += squareMetres;
      }
    }
  }
  summary.pairs.sort((a, b) => a.first - b.first || a.second - b.second);
  return summary;
}

/** The area two parcels share, ㎡ (ellipsoidal), 0 when they only touch, NaN when polyclip gives up on the pair. */
function sharedSquareMetres(first: ImportGeometry, second: ImportGeometry): number {
  try {
    const { featureCollection, intersect } = turf();
    const shared = intersect(featureCollection([toFeature(asGeoJson(first)), toFeature(asGeoJson(second))]));
    return shared ? ellipsoidArea(shared.geometry) : 0;
  } catch {
    return Number.NaN;
  }
}

/**
 * Delivered parcels (`positions` of `delivered`) that share area with a stored parcel the delivery leaves in place:
 * a new code on land the store already has (a parcel split or re-coded), which would be counted twice. Each pair
 * with the shared area; an area polyclip cannot compute is NaN, listed rather than passed.
 */
export function overlapsWithStored(
  delivered: readonly (ImportGeometry | null)[],
  positions: readonly number[],
  stored: readonly { code: string; geometry: AreaGeometry }[],
  toleranceSquareMetres: number,
): { position: number; storedCode: string; squareMetres: number }[] {
  const checked = positions.filter((position) => delivered[position]);
  if (checked.length === 0 || stored.length === 0) return [];
  const shapes = flatShapes([
    ...checked.map((position) => delivered[position] as ImportGeometry),
    ...stored.map((parcel) => parcel.geometry),
  ]);
  const index = new Flatbush(stored.length);
  for (let slot = 0; slot < stored.length; slot++) {
    const shape = shapes[checked.length + slot];
    const [minX, minY, maxX, maxY] = shape ? shape.bounds : [0, 0, 0, 0];
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  const found: { position: number; storedCode: string; squareMetres: number }[] = [];
  checked.forEach((position, slot) => {
    const shape = shapes[slot];
    if (!shape) return;
    const [minX, minY, maxX, maxY] = shape.bounds;
    const near = index.search(
      minX + HAIR_DEGREES,
      minY + HAIR_DEGREES,
      maxX - HAIR_DEGREES,
      maxY - HAIR_DEGREES,
    );
    for (const storedSlot of near.sort((a, b) => a - b)) {
      const other = shapes[checked.length + storedSlot];
      if (!other || !interiorsMayMeet(shape, other)) continue;
      const parcel = stored[storedSlot] as { code: string; geometry: AreaGeometry };
      const squareMetres = sharedSquareMetres(delivered[position] as ImportGeometry, parcel.geometry);
      if (!(squareMetres < toleranceSquareMetres))
        found.push({ position, storedCode: parcel.code, squareMetres });
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// The park's red line

export interface PreparedBoundary {
  geometry: AreaGeometry;
  bounds: [number, number, number, number];
  segments: [Point, Point][];
  /** Flatbush over the boundary's segments: ray casting and "does this parcel come near the line" in log time. */
  index: Flatbush;
}

export function prepareBoundary(boundary: AreaGeometry): PreparedBoundary {
  const { parts, bounds } = prepare(boundary);
  const segments: [Point, Point][] = [];
  for (const rings of parts) {
    for (const ring of rings) {
      for (let position = 0; position < ring.length; position++) {
        segments.push([ring[position] as Point, ring[(position + 1) % ring.length] as Point]);
      }
    }
  }
  const index = new Flatbush(Math.max(1, segments.length));
  for (const [a, b] of segments) {
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  if (segments.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return { geometry: boundary, bounds, segments, index };
}

/** Even–odd ray cast eastwards, over only the boundary segments the ray can meet. */
function insideBoundary(point: Point, boundary: PreparedBoundary): boolean {
  let inside = false;
  for (const position of boundary.index.search(point[0], point[1], boundary.bounds[2], point[1])) {
    const segment = boundary.segments[position];
    if (!segment) continue;
    const [a, b] = segment;
    if (a[1] > point[1] !== b[1] > point[1]) {
      const x = a[0] + ((point[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (point[0] < x) inside = !inside;
    }
  }
  return inside;
}

export interface BoundaryPosition {
  /** No part of the parcel is inside the red line. */
  fullyOutside: boolean;
  /** Ellipsoidal area of the parcel outside the red line, ㎡. */
  outsideSquareMetres: number;
}

/**
 * Parcels far from the red line are decided by one ray cast; only parcels whose bounds meet a boundary segment are
 * clipped, against the boundary cut down to the parcel's bounds (so a red line of 10^4 vertices costs little).
 */
export function positionToBoundary(parcel: AreaGeometry, boundary: PreparedBoundary): BoundaryPosition {
  const prepared = prepare(parcel);
  const [minX, minY, maxX, maxY] = prepared.bounds;
  const [boundaryMinX, boundaryMinY, boundaryMaxX, boundaryMaxY] = boundary.bounds;
  const wholeArea = (): number => ellipsoidArea(parcel);
  if (minX > boundaryMaxX || maxX < boundaryMinX || minY > boundaryMaxY || maxY < boundaryMinY) {
    return { fullyOutside: true, outsideSquareMetres: wholeArea() };
  }
  const near = boundary.index.search(minX, minY, maxX, maxY);
  if (near.length === 0) {
    const vertex = prepared.parts[0]?.[0]?.[0] as Point;
    return insideBoundary(vertex, boundary)
      ? { fullyOutside: false, outsideSquareMetres: 0 }
      : { fullyOutside: true, outsideSquareMetres: wholeArea() };
  }
  if (!crossesBoundary(prepared, near, boundary)) return { fullyOutside: false, outsideSquareMetres: 0 };
  const { bboxClip, difference, featureCollection } = turf();
  const margin = Math.max(maxX - minX, maxY - minY) * 0.01 + HAIR_DEGREES;
  const clipped = bboxClip(toFeature(boundary.geometry), [
    minX - margin,
    minY - margin,
    maxX + margin,
    maxY + margin,
  ]);
  const clippedGeometry =
    clipped.geometry.type === 'Polygon' || clipped.geometry.type === 'MultiPolygon'
      ? withoutDegenerateRings(clipped.geometry)
      : null;
  if (!clippedGeometry) return { fullyOutside: true, outsideSquareMetres: wholeArea() };
  let outside: Feature<Polygon | MultiPolygon> | null;
  try {
    outside = difference(featureCollection([toFeature(parcel), toFeature(clippedGeometry)]));
  } catch {
    // polyclip gave up: report the whole parcel as possibly outside rather than nothing.
    return { fullyOutside: false, outsideSquareMetres: Number.NaN };
  }
  const outsideSquareMetres = outside ? ellipsoidArea(outside.geometry) : 0;
  const total = wholeArea();
  return { fullyOutside: outsideSquareMetres >= total * (1 - 1e-9), outsideSquareMetres };
}

/** 1 inside the red line, 0 on it (within `ON_EDGE_TOLERANCE`), −1 outside. */
function boundaryPointPosition(point: Point, boundary: PreparedBoundary): number {
  const reach = ON_EDGE_TOLERANCE;
  for (const position of boundary.index.search(
    point[0] - reach,
    point[1] - reach,
    point[0] + reach,
    point[1] + reach,
  )) {
    const segment = boundary.segments[position];
    if (segment && pointInRing(point, segment, ON_EDGE_TOLERANCE) === 0) return 0;
  }
  return insideBoundary(point, boundary) ? 1 : -1;
}

/**
 * Whether the parcel may stick out of the red line: an edge properly crosses a nearby boundary segment, or a vertex
 * or edge midpoint lies outside. A parcel whose edges run along the red line (the usual case: the red line was
 * drawn on parcel boundaries) is decided here, without clipping.
 */
function crossesBoundary(
  parcel: PreparedGeometry,
  near: readonly number[],
  boundary: PreparedBoundary,
): boolean {
  for (const rings of parcel.parts) {
    for (const ring of rings) {
      for (let index = 0; index < ring.length; index++) {
        const a = ring[index] as Point;
        const b = ring[(index + 1) % ring.length] as Point;
        if (boundaryPointPosition(a, boundary) < 0) return true;
        if (boundaryPointPosition([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], boundary) < 0) return true;
        for (const position of near) {
          const segment = boundary.segments[position];
          if (segment && segmentContact(a, b, segment[0], segment[1]) === 'cross') return true;
        }
      }
    }
  }
  return false;
}

/** Sutherland–Hodgman clipping can leave rings of fewer than 4 positions; polyclip refuses those. */
function withoutDegenerateRings(geometry: Polygon | MultiPolygon): AreaGeometry | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept: Position[][][] = [];
  for (const rings of polygons) {
    const shell = rings[0];
    if (!shell || shell.length < 4) continue;
    kept.push(rings.filter((ring) => ring.length >= 4));
  }
  if (kept.length === 0) return null;
  return kept.length === 1
    ? { type: 'Polygon', coordinates: kept[0] as Position[][] }
    : { type: 'MultiPolygon', coordinates: kept };
}
