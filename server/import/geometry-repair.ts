/**
 * Checks and repairs one delivered parcel geometry (lon/lat), as PostGIS `ST_IsValidReason` / `ST_MakeValid` would,
 * and says what it found: unclosed rings are closed, repeated vertices and spikes removed, collapsed rings
 * dropped, and self-intersecting rings (bow-ties), rings crossing each other and overlapping parts re-noded by a
 * union of the polygon with itself (polyclip-ts through turf: the Martínez–Rueda–Feito sweep nodes every crossing
 * and keeps the area covered, so a bow-tie becomes its two triangles, as `ST_MakeValid` returns it).
 *
 * Where the two PostGIS methods differ we follow `ST_MakeValid(geom, 'method=structure')`: a hole crossing its
 * shell is subtracted from the shell (the default 'linework' method would also keep the part of the hole outside
 * the shell as land). Fragile, and said so: a ring wound twice round the same area (a pentagram) keeps its centre
 * here (non-zero winding). A hole entirely outside its shell is not repaired: only the surveyor can say whether it
 * was meant as a hole or as a separate part.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaGeometry } from '../domain/areas.ts';
import type { BilingualMessage } from '../domain/transitions.ts';
import { singleRingIsClean } from './flat-clean-ring.ts';
import { asGeoJson, type ImportGeometry } from './flat-geometries.ts';
import { COLLINEAR_TOLERANCE, SPIKE_SINE } from './repair-tolerances.ts';
import { turf } from './turf.ts';

export type GeometryProblemKind =
  | 'empty'
  | 'not-lon-lat'
  | 'unclosed-ring'
  | 'too-few-points'
  | 'repeated-points'
  | 'spike'
  | 'zero-area'
  | 'self-intersection'
  | 'ring-crossing'
  | 'hole-outside-shell'
  | 'overlapping-parts';

export interface GeometryProblem extends BilingualMessage {
  kind: GeometryProblemKind;
  /** True when the stored geometry no longer has the problem. */
  repaired: boolean;
}

export interface GeometryRepair<Geometry extends ImportGeometry = AreaGeometry> {
  /** The geometry to store, or null when nothing usable is left. */
  geometry: Geometry | null;
  problems: GeometryProblem[];
  /** True when `geometry` differs from the source (other than dropping Z values). */
  changed: boolean;
}

export type Point = [number, number];
/** A ring without its closing vertex. */
export type OpenRing = Point[];

const REASONS: Readonly<Record<GeometryProblemKind, BilingualMessage>> = {
  empty: { zh: '几何为空', en: 'empty geometry' },
  'not-lon-lat': {
    zh: '坐标不是有效的经纬度（可能未正确转换坐标系）',
    en: 'coordinates are not valid longitude/latitude (coordinate system not converted?)',
  },
  'unclosed-ring': { zh: '环未闭合', en: 'ring not closed' },
  'too-few-points': { zh: '环的点数不足 3 个', en: 'ring has fewer than 3 distinct points' },
  'repeated-points': { zh: '存在连续重复点', en: 'repeated consecutive points' },
  spike: { zh: '存在尖刺（折返的边）', en: 'spike (an edge that doubles back)' },
  'zero-area': { zh: '环面积为零（点共线）', en: 'zero-area ring (collinear points)' },
  'self-intersection': { zh: '环自相交（如"8"字形）', en: 'self-intersecting ring (e.g. a bow-tie)' },
  'ring-crossing': { zh: '内环与外环（或内环之间）相交', en: 'rings cross each other' },
  'hole-outside-shell': { zh: '内环（洞）在外环之外', en: 'hole outside its shell' },
  'overlapping-parts': { zh: '多部件之间相互重叠', en: 'parts of the multipolygon overlap' },
};

export function geometryReason(kind: GeometryProblemKind): BilingualMessage {
  return REASONS[kind];
}

function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function isEmptyGeometry(geometry: AreaGeometry | null): boolean {
  if (!geometry || !Array.isArray(geometry.coordinates)) return true;
  return !polygonsOf(geometry).some((part) => part.some((ring) => ring.length > 0));
}

/** Collects one problem per kind, with where it was seen (`外环`, `第2个多边形内环1`). */
class ProblemList {
  private readonly found = new Map<GeometryProblemKind, { places: BilingualMessage[]; repaired: boolean }>();

  add(kind: GeometryProblemKind, place: BilingualMessage | null, repaired: boolean): void {
    const entry = this.found.get(kind) ?? { places: [], repaired };
    if (place && !entry.places.some((known) => known.en === place.en)) entry.places.push(place);
    entry.repaired = entry.repaired && repaired;
    this.found.set(kind, entry);
  }

  has(kind: GeometryProblemKind): boolean {
    return this.found.has(kind);
  }

  get size(): number {
    return this.found.size;
  }

  list(allUnrepaired: boolean): GeometryProblem[] {
    return [...this.found].map(([kind, { places, repaired }]) => {
      const reason = REASONS[kind];
      const where = places.length > 0;
      return {
        kind,
        repaired: repaired && !allUnrepaired,
        zh: where ? `${reason.zh}（${places.map((place) => place.zh).join('、')}）` : reason.zh,
        en: where ? `${reason.en} (${places.map((place) => place.en).join(', ')})` : reason.en,
      };
    });
  }
}

function placeOf(partIndex: number, ringIndex: number, partCount: number): BilingualMessage {
  const part = partCount > 1 ? { zh: `第${partIndex + 1}个多边形`, en: `polygon ${partIndex + 1} ` } : null;
  const ring =
    ringIndex === 0 ? { zh: '外环', en: 'outer ring' } : { zh: `内环${ringIndex}`, en: `hole ${ringIndex}` };
  return { zh: `${part?.zh ?? ''}${ring.zh}`, en: `${part?.en ?? ''}${ring.en}` };
}

function samePoint(first: Point, second: Point): boolean {
  return first[0] === second[0] && first[1] === second[1];
}

/** Twice the signed area in coordinate units, relative to the first vertex (keeps precision at 10^2 degrees). */
export function twiceSignedArea(ring: OpenRing): number {
  const origin = ring[0];
  if (!origin) return 0;
  let sum = 0;
  for (let index = 1; index + 1 < ring.length; index++) {
    const current = ring[index] as Point;
    const next = ring[index + 1] as Point;
    sum +=
      (current[0] - origin[0]) * (next[1] - origin[1]) - (next[0] - origin[0]) * (current[1] - origin[1]);
  }
  return sum;
}

function removeRepeated(ring: OpenRing): OpenRing {
  const result: OpenRing = [];
  for (const point of ring) {
    const last = result[result.length - 1];
    if (!last || !samePoint(last, point)) result.push(point);
  }
  while (result.length > 1 && samePoint(result[0] as Point, result[result.length - 1] as Point)) result.pop();
  return result;
}

function spikeAt(ring: OpenRing, index: number): boolean {
  const previous = ring[(index - 1 + ring.length) % ring.length] as Point;
  const current = ring[index] as Point;
  const next = ring[(index + 1) % ring.length] as Point;
  const inX = current[0] - previous[0];
  const inY = current[1] - previous[1];
  const outX = next[0] - current[0];
  const outY = next[1] - current[1];
  const dot = inX * outX + inY * outY;
  if (dot >= 0) return false;
  const cross = inX * outY - inY * outX;
  return Math.abs(cross) <= SPIKE_SINE * Math.hypot(inX, inY) * Math.hypot(outX, outY);
}

function removeSpikes(ring: OpenRing): { ring: OpenRing; removed: boolean } {
  let current = ring;
  let removed = false;
  let found = true;
  while (found && current.length >= 3) {
    found = false;
    for (let index = 0; index < current.length; index++) {
      if (!spikeAt(current, index)) continue;
      current = removeRepeated([...current.slice(0, index), ...current.slice(index + 1)]);
      removed = true;
      found = true;
      break;
    }
  }
  return { ring: current, removed };
}

/**
 * All vertices on one line (up to floating-point noise). Not the signed area: a symmetric bow-tie has signed area
 * 0 and yet two real triangles, which the self-intersection repair recovers.
 */
function isZeroArea(ring: OpenRing): boolean {
  const origin = ring[0] as Point;
  let farthest = origin;
  let farthestSquared = 0;
  for (const point of ring) {
    const squared = (point[0] - origin[0]) ** 2 + (point[1] - origin[1]) ** 2;
    if (squared > farthestSquared) {
      farthest = point;
      farthestSquared = squared;
    }
  }
  if (farthestSquared === 0) return true;
  const directionX = farthest[0] - origin[0];
  const directionY = farthest[1] - origin[1];
  return ring.every(
    (point) =>
      Math.abs(directionX * (point[1] - origin[1]) - directionY * (point[0] - origin[0])) <=
      COLLINEAR_TOLERANCE * farthestSquared,
  );
}

/** Closes, de-duplicates and de-spikes one ring; null when fewer than 3 distinct points or no area remain. */
function cleanRing(positions: Position[], place: BilingualMessage, problems: ProblemList): OpenRing | null {
  const points: OpenRing = positions.map((position) => [position[0] as number, position[1] as number]);
  if (points.length === 0) {
    problems.add('too-few-points', place, true);
    return null;
  }
  const closed = points.length > 1 && samePoint(points[0] as Point, points[points.length - 1] as Point);
  if (!closed) problems.add('unclosed-ring', place, true);
  const open = closed ? points.slice(0, -1) : points;
  const distinct = removeRepeated(open);
  if (distinct.length < open.length) problems.add('repeated-points', place, true);
  if (distinct.length < 3) {
    problems.add('too-few-points', place, true);
    return null;
  }
  const { ring, removed } = removeSpikes(distinct);
  if (removed) problems.add('spike', place, true);
  if (ring.length < 3 || isZeroArea(ring)) {
    problems.add('zero-area', place, true);
    return null;
  }
  return ring;
}

// ---------------------------------------------------------------------------------------------------------------
// Segment predicates, exact on the doubles given (no tolerance: a touch that floating point misses is a touch the
// overlap check's area tolerance absorbs later).

function orientation(a: Point, b: Point, c: Point): number {
  const value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

function withinBox(a: Point, b: Point, point: Point): boolean {
  return (
    Math.min(a[0], b[0]) <= point[0] &&
    point[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= point[1] &&
    point[1] <= Math.max(a[1], b[1])
  );
}

export type SegmentContact = 'none' | 'touch' | 'cross' | 'overlap';

/** `cross`: the interiors cross at one point; `overlap`: collinear with a shared stretch; `touch`: one point. */
export function segmentContact(a: Point, b: Point, c: Point, d: Point): SegmentContact {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 === 0 && o2 === 0) {
    // Collinear: overlapping by more than a point, touching at an end, or apart.
    const horizontal = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]);
    const axis = horizontal ? 0 : 1;
    const low = Math.max(Math.min(a[axis], b[axis]), Math.min(c[axis], d[axis]));
    const high = Math.min(Math.max(a[axis], b[axis]), Math.max(c[axis], d[axis]));
    return high > low ? 'overlap' : high === low ? 'touch' : 'none';
  }
  if (o1 * o2 < 0 && o3 * o4 < 0) return 'cross';
  if (
    (o1 === 0 && withinBox(a, b, c)) ||
    (o2 === 0 && withinBox(a, b, d)) ||
    (o3 === 0 && withinBox(c, d, a)) ||
    (o4 === 0 && withinBox(c, d, b))
  ) {
    return 'touch';
  }
  return 'none';
}

/**
 * 1 inside, 0 on the boundary, −1 outside (even–odd crossing count). `tolerance` is the distance from an edge (in
 * coordinate units) still counted as on it: 0 is exact; the overlap check passes ~1 µm so that the midpoint of an
 * edge two neighbours share, which floating point puts ~1e-14° off the edge, counts as on it.
 */
export function pointInRing(point: Point, ring: OpenRing, tolerance = 0): number {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const a = ring[index] as Point;
    const b = ring[previous] as Point;
    if (withinBox(a, b, point)) {
      const cross = (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0]);
      if (Math.abs(cross) <= tolerance * Math.hypot(b[0] - a[0], b[1] - a[1])) return 0;
    }
    if (a[1] > point[1] !== b[1] > point[1]) {
      const x = a[0] + ((point[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (point[0] < x) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

/** 1 inside the polygon's area, 0 on any of its rings, −1 outside or in a hole. */
export function pointInPolygonRings(point: Point, rings: readonly OpenRing[], tolerance = 0): number {
  const shell = rings[0];
  if (!shell) return -1;
  const inShell = pointInRing(point, shell, tolerance);
  if (inShell <= 0) return inShell;
  for (let index = 1; index < rings.length; index++) {
    const inHole = pointInRing(point, rings[index] as OpenRing, tolerance);
    if (inHole >= 0) return inHole === 0 ? 0 : -1;
  }
  return 1;
}

interface Segment {
  ring: number;
  position: number;
  ringLength: number;
  a: Point;
  b: Point;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function segmentsOf(rings: readonly OpenRing[]): Segment[] {
  const segments: Segment[] = [];
  rings.forEach((ring, ringIndex) => {
    for (let position = 0; position < ring.length; position++) {
      const a = ring[position] as Point;
      const b = ring[(position + 1) % ring.length] as Point;
      segments.push({
        ring: ringIndex,
        position,
        ringLength: ring.length,
        a,
        b,
        minX: Math.min(a[0], b[0]),
        maxX: Math.max(a[0], b[0]),
        minY: Math.min(a[1], b[1]),
        maxY: Math.max(a[1], b[1]),
      });
    }
  });
  return segments;
}

function adjacent(first: Segment, second: Segment): boolean {
  if (first.ring !== second.ring) return false;
  const gap = Math.abs(first.position - second.position);
  return gap === 1 || gap === first.ringLength - 1;
}

/**
 * Sweep along x over the rings' segments (sorted by their west end): a ring of n vertices costs about n log n, so
 * a 100k-parcel delivery is checked in seconds. Reports contacts within a ring (any contact of non-adjacent edges:
 * OGC's "ring self-intersection") and crossings or shared stretches between rings (a single touching point
 * between a hole and its shell is valid and is not reported).
 */
function ringContacts(rings: readonly OpenRing[]): {
  selfIntersecting: Set<number>;
  crossingRings: Set<number>;
} {
  const segments = segmentsOf(rings).sort((first, second) => first.minX - second.minX);
  const selfIntersecting = new Set<number>();
  const crossingRings = new Set<number>();
  for (let index = 0; index < segments.length; index++) {
    const first = segments[index] as Segment;
    for (let other = index + 1; other < segments.length; other++) {
      const second = segments[other] as Segment;
      if (second.minX > first.maxX) break;
      if (second.minY > first.maxY || second.maxY < first.minY || adjacent(first, second)) continue;
      const contact = segmentContact(first.a, first.b, second.a, second.b);
      if (contact === 'none') continue;
      if (first.ring === second.ring) selfIntersecting.add(first.ring);
      else if (contact !== 'touch') {
        crossingRings.add(first.ring);
        crossingRings.add(second.ring);
      }
    }
  }
  return { selfIntersecting, crossingRings };
}

function boundsOf(rings: readonly OpenRing[]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Two parts of one multipolygon share area when their boundaries cross or one has a point inside the other. */
function partsOverlap(first: readonly OpenRing[], second: readonly OpenRing[]): boolean {
  const [aMinX, aMinY, aMaxX, aMaxY] = boundsOf(first);
  const [bMinX, bMinY, bMaxX, bMaxY] = boundsOf(second);
  if (aMinX >= bMaxX || bMinX >= aMaxX || aMinY >= bMaxY || bMinY >= aMaxY) return false;
  const combined = [...first, ...second];
  const { crossingRings } = ringContacts(combined);
  if (crossingRings.size > 0) return true;
  const inside = (rings: readonly OpenRing[], others: readonly OpenRing[]) =>
    rings[0]?.some((point) => pointInPolygonRings(point, others) > 0) ?? false;
  return inside(first, second) || inside(second, first);
}

function closeRing(ring: OpenRing): Position[] {
  return [...ring, ring[0] as Point];
}

function toGeometry(parts: readonly OpenRing[][]): AreaGeometry | null {
  if (parts.length === 0) return null;
  const coordinates = parts.map((rings) => rings.map(closeRing));
  return coordinates.length === 1
    ? { type: 'Polygon', coordinates: coordinates[0] as Position[][] }
    : { type: 'MultiPolygon', coordinates };
}

function lonLatValid(position: Position): boolean {
  const [longitude, latitude] = position;
  return (
    typeof longitude === 'number' &&
    typeof latitude === 'number' &&
    Number.isFinite(longitude) &&
    Number.isFinite(latitude) &&
    Math.abs(longitude) <= 180 &&
    Math.abs(latitude) <= 90
  );
}

/** The union of the geometry with itself: polyclip nodes every crossing and returns valid rings. */
function makeValid(geometry: AreaGeometry): AreaGeometry | null {
  const { featureCollection, multiPolygon, polygon, union } = turf();
  const feature =
    geometry.type === 'Polygon' ? polygon(geometry.coordinates) : multiPolygon(geometry.coordinates);
  try {
    const result = union(featureCollection<Polygon | MultiPolygon>([feature, feature]));
    return result ? result.geometry : null;
  } catch {
    // polyclip gives up on some degenerate input; the record is then reported as not repaired.
    return null;
  }
}

/**
 * Checks and repairs one geometry. A clean one (the usual case: nothing `repairGeometryInFull` would report) is
 * recognised on its positions as given, without the copy of every vertex that repairing takes, and returned as
 * in the same arrays, a single-part MultiPolygon as a Polygon: equal, vertex for vertex, to what the full repair
 * returns for it.
 */
export function repairGeometry(geometry: AreaGeometry | null): GeometryRepair;
/**
 * A flat geometry (a GeoPackage as read) is checked on its flat arrays when it is a single ring
 * (`singleRingIsClean`), otherwise as GeoJSON made for the check alone; when clean, the flat geometry itself is
 * returned, so that it is not kept as GeoJSON from here to the commit.
 */
export function repairGeometry(geometry: ImportGeometry | null): GeometryRepair<ImportGeometry>;
export function repairGeometry(geometry: ImportGeometry | null): GeometryRepair<ImportGeometry> {
  if (geometry?.type === 'FlatGeometry') {
    if (singleRingIsClean(geometry.flat, geometry.position))
      return { geometry, problems: [], changed: false };
    const asRead = asGeoJson(geometry);
    const repair = repairGeometry(asRead);
    return sameRingArrays(asRead, repair.geometry) ? { ...repair, geometry } : repair;
  }
  if (geometry && !isEmptyGeometry(geometry)) {
    const parts = polygonsOf(geometry);
    if (isClean(parts)) {
      const clean: AreaGeometry =
        parts.length === 1
          ? { type: 'Polygon', coordinates: parts[0] as Position[][] }
          : { type: 'MultiPolygon', coordinates: parts };
      return { geometry: clean, problems: [], changed: false };
    }
  }
  return repairGeometryInFull(geometry);
}

/**
 * Whether `repaired` is `read` as the repair's fast path returns a clean geometry: the very same ring arrays, part
 * for part. Its areas and its flat arrays are then those of the geometry as read, number for number; anything
 * else (a repaired ring, a dropped part, an empty geometry) is not.
 */
export function sameRingArrays(read: AreaGeometry | null, repaired: AreaGeometry | null): boolean {
  if (!read || !repaired) return read === repaired;
  const readParts = polygonsOf(read);
  const repairedParts = polygonsOf(repaired);
  if (readParts.length !== repairedParts.length) return false;
  for (let part = 0; part < readParts.length; part++) {
    const readRings = readParts[part] as Position[][];
    const repairedRings = repairedParts[part] as Position[][];
    if (readRings.length !== repairedRings.length) return false;
    for (let ring = 0; ring < readRings.length; ring++) {
      if (readRings[ring] !== repairedRings[ring]) return false;
    }
  }
  return true;
}

/** Position `index` of a ring of `count` (the closing vertex left out) repeats the one before it, cyclically. */
function repeatsPrevious(ring: Position[], count: number, index: number): boolean {
  const previous = ring[(index - 1 + count) % count] as Position;
  const current = ring[index] as Position;
  return previous[0] === current[0] && previous[1] === current[1];
}

/**
 * What `cleanRing` would leave unchanged and report nothing for: longitude/latitude, closed, 2D, at least 3
 * distinct vertices with no consecutive repeats (the last before the closing vertex not repeating the first), no
 * spike, not collinear.
 */
function isCleanRing(ring: Position[]): boolean {
  if (!Array.isArray(ring)) return false;
  const length = ring.length;
  if (length < 4) return false;
  const first = ring[0] as Position;
  const last = ring[length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return false;
  const count = length - 1;
  for (const position of ring) if (position.length !== 2 || !lonLatValid(position)) return false;
  for (let index = 0; index < count; index++) if (repeatsPrevious(ring, count, index)) return false;
  const open = ring.slice(0, count) as OpenRing;
  for (let index = 0; index < count; index++) if (spikeAt(open, index)) return false;
  return !isZeroArea(open);
}

/** Nothing for `repairGeometryInFull` to report: clean rings, no ring contacts, holes inside, parts apart. */
function isClean(parts: Position[][][]): boolean {
  const openParts: OpenRing[][] = [];
  for (const part of parts) {
    if (part.length === 0 || !part.every(isCleanRing)) return false;
    const rings = part.map((ring) => ring.slice(0, -1) as OpenRing);
    const { selfIntersecting, crossingRings } = ringContacts(rings);
    if (selfIntersecting.size > 0 || crossingRings.size > 0) return false;
    const shell = rings[0] as OpenRing;
    for (let hole = 1; hole < rings.length; hole++) {
      if (holeOutside(rings[hole] as OpenRing, shell)) return false;
    }
    openParts.push(rings);
  }
  for (let first = 0; first < openParts.length; first++) {
    for (let second = first + 1; second < openParts.length; second++) {
      if (partsOverlap(openParts[first] as OpenRing[], openParts[second] as OpenRing[])) return false;
    }
  }
  return true;
}

/** The repair, step by step, for any geometry (see `repairGeometry`). */
export function repairGeometryInFull(geometry: AreaGeometry | null): GeometryRepair {
  if (!geometry || isEmptyGeometry(geometry)) {
    return {
      geometry: null,
      problems: [{ kind: 'empty', repaired: false, ...REASONS.empty }],
      changed: false,
    };
  }
  const problems = new ProblemList();
  const sourceParts = polygonsOf(geometry);
  if (!sourceParts.every((part) => part.every((ring) => Array.isArray(ring) && ring.every(lonLatValid)))) {
    problems.add('not-lon-lat', null, false);
    return { geometry: null, problems: problems.list(true), changed: false };
  }
  const parts: OpenRing[][] = [];
  sourceParts.forEach((part, partIndex) => {
    const rings: OpenRing[] = [];
    part.forEach((positions, ringIndex) => {
      const place = placeOf(partIndex, ringIndex, sourceParts.length);
      const ring = cleanRing(positions, place, problems);
      // A collapsed shell takes its holes with it; a collapsed hole is simply dropped.
      if (ringIndex === 0 && !ring) return;
      if (ringIndex > 0 && rings.length === 0) return;
      if (ring) rings.push(ring);
    });
    if (rings.length === 0) return;
    const { selfIntersecting, crossingRings } = ringContacts(rings);
    for (const ringIndex of selfIntersecting) {
      problems.add('self-intersection', placeOf(partIndex, ringIndex, sourceParts.length), true);
    }
    for (const ringIndex of crossingRings) {
      problems.add('ring-crossing', placeOf(partIndex, ringIndex, sourceParts.length), true);
    }
    const kept: OpenRing[] = [rings[0] as OpenRing];
    rings.slice(1).forEach((hole, holeOffset) => {
      if (!crossingRings.has(holeOffset + 1) && holeOutside(hole, rings[0] as OpenRing)) {
        problems.add('hole-outside-shell', placeOf(partIndex, holeOffset + 1, sourceParts.length), false);
        return;
      }
      kept.push(hole);
    });
    parts.push(kept);
  });
  for (let first = 0; first < parts.length; first++) {
    for (let second = first + 1; second < parts.length; second++) {
      if (partsOverlap(parts[first] as OpenRing[], parts[second] as OpenRing[])) {
        problems.add('overlapping-parts', null, true);
      }
    }
  }
  let repaired = toGeometry(parts);
  const needsNoding =
    problems.has('self-intersection') || problems.has('ring-crossing') || problems.has('overlapping-parts');
  if (repaired && needsNoding) repaired = makeValid(repaired);
  if (!repaired) {
    if (problems.size === 0) problems.add('zero-area', null, false);
    return { geometry: null, problems: problems.list(true), changed: true };
  }
  return { geometry: repaired, problems: problems.list(false), changed: problems.size > 0 };
}

/** A hole whose boundary does not cross its shell is outside when a point of it (not on the shell) is outside. */
function holeOutside(hole: OpenRing, shell: OpenRing): boolean {
  for (const point of hole) {
    const where = pointInRing(point, shell);
    if (where !== 0) return where < 0;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry identity for the re-delivery diff

/** Vertices rounded to 1e-8° (≈1 mm): finer than any survey, coarser than a float round trip through a file. */
const KEY_SCALE = 1e8;

function normalizedRing(ring: OpenRing, counterClockwise: boolean): string {
  const rounded = removeRepeated(
    ring.map(([x, y]) => [Math.round(x * KEY_SCALE), Math.round(y * KEY_SCALE)] as Point),
  );
  const oriented = twiceSignedArea(rounded) > 0 === counterClockwise ? rounded : [...rounded].reverse();
  let start = 0;
  oriented.forEach((point, index) => {
    const best = oriented[start] as Point;
    if (point[0] < best[0] || (point[0] === best[0] && point[1] < best[1])) start = index;
  });
  const rotated = [...oriented.slice(start), ...oriented.slice(0, start)];
  return rotated.map(([x, y]) => `${x},${y}`).join(';');
}

/** cyrb53 (public-domain 53-bit string hash): short keys for 100k parcels, collisions ~1 in 10^16 per pair. */
function hash53(text: string): string {
  let first = 0xdeadbeef;
  let second = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const character = text.charCodeAt(index);
    first = Math.imul(first ^ character, 2654435761);
    second = Math.imul(second ^ character, 1597334677);
  }
  first = Math.imul(first ^ (first >>> 16), 2246822507) ^ Math.imul(second ^ (second >>> 13), 3266489909);
  second = Math.imul(second ^ (second >>> 16), 2246822507) ^ Math.imul(first ^ (first >>> 13), 3266489909);
  return (4294967296 * (2097151 & second) + (first >>> 0)).toString(36);
}

/**
 * A key that is equal for the same shape whatever the ring orientation, start vertex, part order or closing
 * vertex. The store computes it for its parcels with this same function, so the import can tell which parcels'
 * geometry a re-delivery changes.
 */
export function geometryKey(geometry: AreaGeometry | null): string {
  if (!geometry || isEmptyGeometry(geometry)) return 'empty';
  const parts = polygonsOf(geometry).map((part) => {
    const rings = part.map((positions) => {
      const points = positions.map((position) => [position[0] as number, position[1] as number] as Point);
      const closed = points.length > 1 && samePoint(points[0] as Point, points[points.length - 1] as Point);
      return closed ? points.slice(0, -1) : points;
    });
    const [shell, ...holes] = rings;
    return [
      normalizedRing(shell ?? [], true),
      ...holes.map((hole) => normalizedRing(hole, false)).sort(),
    ].join('|');
  });
  return hash53(parts.sort().join('||'));
}
