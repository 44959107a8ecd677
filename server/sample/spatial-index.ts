/**
 * A uniform grid over local metres. Parks are a few kilometres across and the objects are roughly evenly spread,
 * so a hash grid beats a tree here and keeps the code short.
 */
import type { Bbox, Point } from './geometry.ts';

/** Packs two signed cell indices into one number key; ±2^20 cells is far beyond any park. */
function cellKey(column: number, row: number): number {
  return (column + 1048576) * 2097152 + (row + 1048576);
}

export class GridIndex<Item> {
  private readonly cells = new Map<number, Item[]>();

  constructor(private readonly cellSize: number) {}

  insert(item: Item, bbox: Bbox): void {
    const firstColumn = Math.floor(bbox.minX / this.cellSize);
    const lastColumn = Math.floor(bbox.maxX / this.cellSize);
    const firstRow = Math.floor(bbox.minY / this.cellSize);
    const lastRow = Math.floor(bbox.maxY / this.cellSize);
    for (let column = firstColumn; column <= lastColumn; column++) {
      for (let row = firstRow; row <= lastRow; row++) {
        const key = cellKey(column, row);
        const bucket = this.cells.get(key);
        if (bucket) bucket.push(item);
        else this.cells.set(key, [item]);
      }
    }
  }

  insertPoint(item: Item, point: Point): void {
    this.insert(item, { minX: point[0], minY: point[1], maxX: point[0], maxY: point[1] });
  }

  /** Every item whose cells meet the box; an item spanning several cells is reported once per cell. */
  forEachCandidate(bbox: Bbox, visit: (item: Item) => void): void {
    const firstColumn = Math.floor(bbox.minX / this.cellSize);
    const lastColumn = Math.floor(bbox.maxX / this.cellSize);
    const firstRow = Math.floor(bbox.minY / this.cellSize);
    const lastRow = Math.floor(bbox.maxY / this.cellSize);
    for (let column = firstColumn; column <= lastColumn; column++) {
      for (let row = firstRow; row <= lastRow; row++) {
        const bucket = this.cells.get(cellKey(column, row));
        if (bucket) for (const item of bucket) visit(item);
      }
    }
  }

  /** Distinct items whose cells meet the box. */
  query(bbox: Bbox): Item[] {
    const firstColumn = Math.floor(bbox.minX / this.cellSize);
    const lastColumn = Math.floor(bbox.maxX / this.cellSize);
    const firstRow = Math.floor(bbox.minY / this.cellSize);
    const lastRow = Math.floor(bbox.maxY / this.cellSize);
    if (firstColumn === lastColumn && firstRow === lastRow) {
      return [...(this.cells.get(cellKey(firstColumn, firstRow)) ?? [])];
    }
    const found = new Set<Item>();
    this.forEachCandidate(bbox, (item) => found.add(item));
    return [...found];
  }
}

export function pointBbox(point: Point, radius: number): Bbox {
  return {
    minX: point[0] - radius,
    minY: point[1] - radius,
    maxX: point[0] + radius,
    maxY: point[1] + radius,
  };
}

export interface NearestSegment {
  distance: number;
  point: Point;
  start: Point;
  end: Point;
  /** The tag given when the segment was added (e.g. which lane it belongs to). */
  tag: number;
}

/** Line segments with a grid, for "how far is the nearest road / lane / border" questions. */
export class SegmentSet {
  private readonly grid: GridIndex<number>;
  private readonly starts: Point[] = [];
  private readonly ends: Point[] = [];
  private readonly tags: number[] = [];

  constructor(cellSize: number) {
    this.grid = new GridIndex<number>(cellSize);
  }

  addPolyline(line: readonly Point[], tag = 0, closed = false): void {
    const count = closed ? line.length : line.length - 1;
    for (let index = 0; index < count; index++) {
      const start = line[index] as Point;
      const end = line[(index + 1) % line.length] as Point;
      const segment = this.starts.length;
      this.starts.push(start);
      this.ends.push(end);
      this.tags.push(tag);
      this.grid.insert(segment, {
        minX: Math.min(start[0], end[0]),
        minY: Math.min(start[1], end[1]),
        maxX: Math.max(start[0], end[0]),
        maxY: Math.max(start[1], end[1]),
      });
    }
  }

  /** The nearest segment within `radius`, optionally ignoring segments with one tag; null if none. */
  nearest(point: Point, radius: number, ignoreTag?: number): NearestSegment | null {
    let best: NearestSegment | null = null;
    this.grid.forEachCandidate(pointBbox(point, radius), (segment) => {
      const tag = this.tags[segment] as number;
      if (tag === ignoreTag) return;
      const start = this.starts[segment] as Point;
      const end = this.ends[segment] as Point;
      const dx = end[0] - start[0];
      const dy = end[1] - start[1];
      const lengthSquared = dx * dx + dy * dy;
      let fraction =
        lengthSquared === 0 ? 0 : ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / lengthSquared;
      fraction = Math.max(0, Math.min(1, fraction));
      const x = start[0] + fraction * dx;
      const y = start[1] + fraction * dy;
      const distance = Math.hypot(point[0] - x, point[1] - y);
      if (distance <= radius && (!best || distance < best.distance))
        best = { distance, point: [x, y], start, end, tag };
    });
    return best;
  }

  /** The nearest segment, searching outwards in growing circles up to `maxRadius`. */
  nearestExpanding(point: Point, maxRadius: number): NearestSegment | null {
    for (let radius = 250; ; radius *= 2) {
      const found = this.nearest(point, Math.min(radius, maxRadius));
      if (found || radius >= maxRadius) return found;
    }
  }

  /** Distance to the nearest segment if it is within `radius`, else +Infinity. */
  distanceWithin(point: Point, radius: number, ignoreTag?: number): number {
    return this.nearest(point, radius, ignoreTag)?.distance ?? Number.POSITIVE_INFINITY;
  }
}
